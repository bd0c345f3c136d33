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
 *     Diagnosis ifProxy = open.assuming(withProxy);
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
    private Symptoms current;
    private boolean sound = true;

    CaseSession(Inference inference, Symptoms symptoms) {
        this.inference = inference;
        Set<String> rulesFired = new LinkedHashSet<>();
        this.session = inference.newSession(rulesFired);
        try {
            session.addEventListener(new Watch());
            facts = Inference.insertCase(session, symptoms);
            current = symptoms;
            settle(rulesFired);
            diagnosis = inference.read(session, symptoms, rulesFired);
            // The variants do not list the rules that fire: stop recording them.
            List.copyOf(session.getAgendaEventListeners()).forEach(session::removeEventListener);
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
        update(facts.device(), current.device(), variant.device());
        update(facts.network(), current.network(), variant.network());
        update(facts.observations(), current.observations(), variant.observations());
        Map<TriedFix, FactHandle> tried = facts.tried();
        Set<TriedFix> wanted = Inference.distinctTried(variant);
        tried.entrySet().removeIf(entry -> {
            boolean gone = !wanted.contains(entry.getKey());
            if (gone) {
                session.delete(entry.getValue());
            }
            return gone;
        });
        wanted.forEach(fix -> tried.computeIfAbsent(fix, session::insert));
        current = variant;
        settle(new LinkedHashSet<>());
        return inference.read(session, variant, Set.of());
    }

    /** Replaces a fact the variant changed; an unchanged one is left alone, so nothing depending on it reruns. */
    private void update(FactHandle handle, Object before, Object after) {
        if (!before.equals(after)) {
            session.update(handle, after);
        }
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
     * Runs the phases; then a second pass must find nothing to fire. When it does, a phase reads what a
     * later one derives, which a fresh run never goes back for (and the second pass has now changed the
     * state, so nothing here can be trusted any more).
     */
    private void settle(Set<String> rulesFired) {
        Inference.fire(session, rulesFired);
        if (Inference.fire(session, rulesFired) > 0) {
            sound = false;
        }
    }

    /**
     * A fact the truth maintenance keeps: inserted with insertLogical. kie-api does not tell how a fact
     * was inserted, so this reads Drools' own fact handle.
     */
    private static boolean logical(FactHandle handle) {
        EqualityKey key = handle instanceof InternalFactHandle internal ? internal.getEqualityKey() : null;
        return key != null && key.getStatus() == EqualityKey.JUSTIFIED;
    }

    /** Notices the rule actions that truth maintenance cannot undo. */
    private final class Watch implements RuleRuntimeEventListener {
        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            if (event.getRule() != null && !logical(event.getFactHandle())) {
                sound = false;
            }
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {
            if (event.getRule() != null) {
                sound = false;
            }
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
            if (event.getRule() != null && !logical(event.getFactHandle())) {
                sound = false;
            }
        }
    }
}
