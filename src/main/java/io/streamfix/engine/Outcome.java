package io.streamfix.engine;

import io.streamfix.model.Cause;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.FixAdvice;
import io.streamfix.model.Status;

import java.util.List;

/**
 * What the questions compare between a case and a variant of it: the status, the plan and the causes'
 * confidences. A diagnosis without what only people read (the steps of each fix, the escalation's
 * preparations, the rules that fired), so that trying ~20 answers per request does not build ~20 full
 * diagnoses. Read with {@link Inference#outcome}, or taken from a diagnosis with {@link #of(Diagnosis)}:
 * both give the same outcome for the same facts.
 *
 * @param status        in progress, resolved or escalate
 * @param plan          the ids of the fixes left to try, best first; empty unless in progress
 * @param nextFixTitle  the title of the plan's first fix, or {@code null} when there is none
 * @param escalationTo  who to escalate to, or {@code null} unless escalated
 * @param causes        the likely causes, likeliest first
 * @param expectedMinutes the expected minutes to resolution (see {@link Diagnosis#expectedMinutes()})
 */
record Outcome(Status status, List<String> plan, String nextFixTitle, String escalationTo, List<Cause> causes,
               double expectedMinutes) {

    /** The outcome of a full diagnosis. */
    static Outcome of(Diagnosis diagnosis) {
        return new Outcome(diagnosis.status(), diagnosis.plan().stream().map(FixAdvice::id).toList(),
                diagnosis.nextFix() == null ? null : diagnosis.nextFix().title(),
                diagnosis.escalation() == null ? null : diagnosis.escalation().to(), diagnosis.causes(),
                diagnosis.expectedMinutes() == null ? Double.NaN : diagnosis.expectedMinutes());
    }

    /** The id of the fix to try now, or {@code null} when resolved, escalated or out of fixes. */
    String nextFix() {
        return plan.isEmpty() ? null : plan.get(0);
    }

    /** The confidence of a cause, 0 when it is not among the likely causes. */
    double confidenceOf(String cause) {
        for (Cause likely : causes) {
            if (likely.id().equals(cause)) {
                return likely.confidence();
            }
        }
        return 0;
    }

    /** The largest change of any cause's confidence from this outcome to {@code other} (0 to 1). */
    double largestShift(Outcome other) {
        double largest = 0;
        for (Cause cause : causes) {
            largest = Math.max(largest, Math.abs(cause.confidence() - other.confidenceOf(cause.id())));
        }
        for (Cause cause : other.causes) {
            largest = Math.max(largest, Math.abs(cause.confidence() - confidenceOf(cause.id())));
        }
        return largest;
    }
}
