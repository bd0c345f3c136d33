package io.streamfix.engine;

import io.streamfix.model.Diagnosis;
import io.streamfix.model.Symptoms;
import io.streamfix.model.TriedFix;
import org.drools.core.common.EqualityKey;
import org.drools.core.common.InternalFactHandle;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One case kept open in one session of the rules, so that its variants (the same case with one fact
 * changed, as the questions try them) are diagnosed by propagating only what changed, instead of
 * running a fresh session per variant. Not thread-safe: one per request.
 *
 * <pre>{@code
 * try (CaseSession open = inference.open(symptoms)) {
 *     Diagnosis now = open.diagnosis();
 *     Outcome ifProxy = open.outcomeIf(withProxy);
 *     if (!open.sound()) { ... discard both: run fresh sessions instead ... }
 * }
 * }</pre>
 *
 * <p>Why the answer is the same as a fresh run's: the rules derive every fact with
 * {@code insertLogical}, so Drools' truth maintenance retracts a derived fact as soon as what it
 * followed from no longer holds, and each variant ends in the state a fresh run of it would reach. That
 * holds only for rules written that way, so the session watches for what would break it: a rule that
 * inserts with plain {@code insert}, changes or deletes a fact itself, or leaves a rule of an earlier
 * phase waiting to fire (a phase reading what a later phase derives; a fresh run never goes back).
 * When it sees one, {@link #sound()} turns false and the caller must trust neither the variants nor
 * the case's own diagnosis. The tests check, over generated cases and every variant of each, that the
 * project's rules keep it sound and that each variant equals a fresh run.
 */
final class CaseSession implements AutoCloseable {
    private final Inference inference;
    private final KieSession session;
    private final Diagnosis diagnosis;
    private final Inference.CaseFacts facts;
    private final Watch watch = new Watch();
    private Symptoms current;
    /** The outcome of the session's state when it was last read; {@code null} when the state moved since. */
    private Outcome last;
    private boolean sound = true;

    CaseSession(Inference inference, Symptoms symptoms) {
        this.inference = inference;
        Set<String> rulesFired = new LinkedHashSet<>();
        this.session = inference.newSession(rulesFired);
        try {
            session.addEventListener(watch);
            facts = Inference.insertCase(session, symptoms);
            current = symptoms;
            settle(rulesFired);
            diagnosis = inference.read(session, symptoms, rulesFired);
            last = Outcome.of(diagnosis);
            // The variants do not list the rules that fire: stop recording them.
            List.copyOf(session.getAgendaEventListeners()).stream()
                    .filter(listener -> !(listener instanceof Inference.Guard))
                    .forEach(session::removeEventListener);
        } catch (RuntimeException e) {
            session.dispose();
            throw e;
        }
    }

    /** The case's own diagnosis, as a fresh run gives it (rules fired included) while {@link #sound()}. */
    Diagnosis diagnosis() {
        return diagnosis;
    }

    /**
     * The diagnosis of a variant of the case. Its {@code rules_fired} is empty: the rules that fire are
     * only those the change touches. Check {@link #sound()} after the last variant.
     *
     * @throws RuleFault when a rule fails while running
     */
    Diagnosis assuming(Symptoms variant) {
        apply(variant);
        last = null;
        return inference.read(session, variant, Set.of());
    }

    /**
     * The outcome of a variant of the case: {@link #assuming}'s diagnosis without its texts, which is all
     * the questions compare. When the variant changes no derived fact (no rule fires, nothing is
     * withdrawn) the outcome is the last one read, without reading the session again.
     *
     * @throws RuleFault when a rule fails while running
     */
    Outcome outcomeIf(Symptoms variant) {
        if (apply(variant) || last == null) {
            last = inference.outcome(watch.outcomeFacts.values());
        }
        return last;
    }

    /**
     * Makes the session hold {@code variant} instead of the current case, and runs the rules.
     *
     * @return whether a derived fact changed: a rule fired, or truth maintenance withdrew a fact
     */
    private boolean apply(Symptoms variant) {
        long eventsBefore = watch.events;
        int own = update(facts.device(), current.device(), variant.device())
                + update(facts.network(), current.network(), variant.network())
                + update(facts.observations(), current.observations(), variant.observations());
        Map<TriedFix, FactHandle> tried = facts.tried();
        Set<TriedFix> wanted = Inference.distinctTried(variant);
        Iterator<Map.Entry<TriedFix, FactHandle>> entries = tried.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<TriedFix, FactHandle> entry = entries.next();
            if (!wanted.contains(entry.getKey())) {
                session.delete(entry.getValue());
                entries.remove();
                own++;
            }
        }
        for (TriedFix fix : wanted) {
            if (!tried.containsKey(fix)) {
                tried.put(fix, session.insert(fix));
                own++;
            }
        }
        current = variant;
        int fired = settle(new LinkedHashSet<>());
        // Each change made here is one event; any other event is the rules' (or their truth maintenance's).
        return fired > 0 || watch.events - eventsBefore != own;
    }

    /**
     * Replaces a fact the variant changed; an unchanged one is left alone, so nothing depending on it reruns.
     *
     * @return how many changes were made: 1 or 0
     */
    private int update(FactHandle handle, Object before, Object after) {
        if (before.equals(after)) {
            return 0;
        }
        session.update(handle, after);
        return 1;
    }

    /** Whether every variant so far was diagnosed as a fresh run would have diagnosed it. */
    boolean sound() {
        return sound;
    }

    @Override
    public void close() {
        session.dispose();
    }

    /**
     * Runs the phases; then every phase must have nothing left to fire. When one has, it reads what a
     * later phase derived, which a fresh run never goes back for.
     *
     * @return how many rules fired
     */
    private int settle(Set<String> rulesFired) {
        int fired = Inference.fire(session, rulesFired);
        if (!Inference.settled(session)) {
            sound = false;
        }
        return fired;
    }

    /**
     * A fact the truth maintenance keeps: inserted with insertLogical. kie-api does not tell how a fact
     * was inserted, so this reads Drools' own fact handle.
     */
    private static boolean logical(FactHandle handle) {
        EqualityKey key = handle instanceof InternalFactHandle internal ? internal.getEqualityKey() : null;
        return key != null && key.getStatus() == EqualityKey.JUSTIFIED;
    }

    /**
     * Counts the changes of facts, keeps the facts an outcome is read from (reading them from here is
     * cheaper than walking every fact of the session), and notices the rule actions that truth
     * maintenance cannot undo.
     */
    private final class Watch implements RuleRuntimeEventListener {
        long events;
        final Map<FactHandle, Object> outcomeFacts = new HashMap<>();

        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            events++;
            if (Inference.readsForOutcome(event.getObject())) {
                outcomeFacts.put(event.getFactHandle(), event.getObject());
            }
            if (event.getRule() != null && !logical(event.getFactHandle())) {
                sound = false;
            }
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {
            events++;
            outcomeFacts.remove(event.getFactHandle());
            if (Inference.readsForOutcome(event.getObject())) {
                outcomeFacts.put(event.getFactHandle(), event.getObject());
            }
            if (event.getRule() != null) {
                sound = false;
            }
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
            events++;
            outcomeFacts.remove(event.getFactHandle());
            if (event.getRule() != null && !logical(event.getFactHandle())) {
                sound = false;
            }
        }
    }
}
