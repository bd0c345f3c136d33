package io.streamfix.model;

import java.util.List;

/**
 * The result of a diagnosis: what the CLI prints and the Java API returns.
 *
 * @param errorCode  the error diagnosed
 * @param status     in progress, resolved or escalate
 * @param causes     the likely causes, highest confidence first
 * @param nextFix    the fix to try now, or {@code null} when resolved or escalated
 * @param plan       the fixes left to try, {@code nextFix} first
 * @param escalation who to contact and what to prepare, or {@code null} unless escalated
 * @param rulesFired the rules that fired, each once, in the order they first fired
 */
public record Diagnosis(String errorCode, Status status, List<Cause> causes, FixAdvice nextFix,
                        List<FixAdvice> plan, EscalationAdvice escalation, List<String> rulesFired) {
    public Diagnosis {
        causes = List.copyOf(causes);
        plan = List.copyOf(plan);
        rulesFired = List.copyOf(rulesFired);
    }

    /** The likeliest cause, or {@code null} when no cause has any confidence. */
    public Cause topCause() {
        return causes.isEmpty() ? null : causes.get(0);
    }
}
