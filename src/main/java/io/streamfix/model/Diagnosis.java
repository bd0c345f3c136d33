package io.streamfix.model;

import java.util.List;

/**
 * The result of a diagnosis: what the CLI prints and the Java API returns.
 *
 * @param errorCode  the error diagnosed
 * @param status     in progress, resolved or escalate
 * @param resolvedBy the tried fix that helped when the status is resolved, else {@code null}
 * @param causes     the likely causes, highest confidence first
 * @param nextFix    the fix to try now, or {@code null} when resolved or escalated
 * @param plan       the fixes worth trying, in the order to try them, {@code nextFix} first
 * @param expectedMinutes the expected minutes to resolution if the plan is followed, escalation
 *                   included: 0 once resolved, the cost of escalating when escalating
 * @param escalation who to contact and what to prepare, or {@code null} unless escalated
 * @param rulesFired the rules that fired, each once, in the order they first fired
 * @param questions  what to find out next, best first; {@code null} when the diagnosis was made without
 *                   questions (the fast path for batches), empty when no answer would change anything
 */
public record Diagnosis(String errorCode, Status status, FixAdvice resolvedBy, List<Cause> causes,
                        FixAdvice nextFix, List<FixAdvice> plan, Double expectedMinutes, EscalationAdvice escalation,
                        List<String> rulesFired, List<Question> questions) {
    public Diagnosis {
        causes = List.copyOf(causes);
        plan = List.copyOf(plan);
        rulesFired = List.copyOf(rulesFired);
        questions = questions == null ? null : List.copyOf(questions);
    }

    /** A diagnosis that no tried fix resolved, without expected minutes. */
    public Diagnosis(String errorCode, Status status, List<Cause> causes, FixAdvice nextFix,
                     List<FixAdvice> plan, EscalationAdvice escalation, List<String> rulesFired,
                     List<Question> questions) {
        this(errorCode, status, null, causes, nextFix, plan, null, escalation, rulesFired, questions);
    }

    /** A diagnosis made without questions ({@link #questions()} is {@code null}), without expected minutes. */
    public Diagnosis(String errorCode, Status status, List<Cause> causes, FixAdvice nextFix,
                     List<FixAdvice> plan, EscalationAdvice escalation, List<String> rulesFired) {
        this(errorCode, status, null, causes, nextFix, plan, null, escalation, rulesFired, null);
    }

    /** This diagnosis with the questions to ask next. */
    public Diagnosis withQuestions(List<Question> questions) {
        return new Diagnosis(errorCode, status, resolvedBy, causes, nextFix, plan, expectedMinutes, escalation,
                rulesFired, questions);
    }

    /** The likeliest cause, or {@code null} when no cause has any confidence. */
    public Cause topCause() {
        return causes.isEmpty() ? null : causes.get(0);
    }
}
