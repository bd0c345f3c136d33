package io.streamfix.simulation;

import io.streamfix.engine.Knowledge;
import io.streamfix.model.Fix;
import io.streamfix.model.Symptoms;
import io.streamfix.model.TriedFix;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The article's fixed order: every fix of the rules folder in its {@code order} (the article's order of
 * simplicity: "Start with the simplest solution … and move through the more advanced fixes only if
 * necessary", Final Thoughts), whatever the symptoms; escalate when all have been tried ("If none of the
 * fixes above work, contacting Netflix support is advisable").
 */
public final class FixedOrderPolicy implements Policy {
    private final List<String> order;

    public FixedOrderPolicy(Knowledge knowledge) {
        this.order = knowledge.fixes().values().stream()
                .filter(fix -> !fix.escalation())
                .sorted(java.util.Comparator.comparingInt(Fix::order))
                .map(Fix::id).toList();
    }

    @Override
    public String name() {
        return "fixed order";
    }

    @Override
    public Optional<String> next(Symptoms symptoms) {
        Set<String> tried = symptoms.tried().stream().map(TriedFix::fix).collect(Collectors.toSet());
        return order.stream().filter(id -> !tried.contains(id)).findFirst();
    }
}
