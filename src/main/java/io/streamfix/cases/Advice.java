package io.streamfix.cases;

import io.streamfix.model.Cause;
import io.streamfix.model.Diagnosis;

/**
 * The advice streamfix gave at one point of a case, as kept with the case and with each of its steps:
 * enough to tell later what was advised and by which rules, without keeping the whole diagnosis.
 *
 * <pre>{@code
 * Advice advice = Advice.of(diagnosis, troubleshooter.knowledgeBase().version());
 * }</pre>
 *
 * @param rulesVersion    the version (hash) of the rules that gave it
 * @param status          the case's status by this advice
 * @param nextFix         the fix advised next, or {@code null} when resolved or escalated
 * @param topCause        the likeliest cause, or {@code null} when none stands out
 * @param expectedMinutes the diagnosis' {@link Diagnosis#expectedMinutes() expected minutes} to resolution
 *                        (0 once resolved, the cost of escalating when escalated), or {@code null} when it
 *                        has none
 */
public record Advice(String rulesVersion, CaseStatus status, String nextFix, String topCause, Double expectedMinutes) {

    /** The advice of a diagnosis made with the rules of version {@code rulesVersion}. */
    public static Advice of(Diagnosis diagnosis, String rulesVersion) {
        Cause top = diagnosis.topCause();
        return new Advice(rulesVersion, CaseStatus.of(diagnosis.status()),
                diagnosis.nextFix() == null ? null : diagnosis.nextFix().id(),
                top == null ? null : top.id(), minutes(diagnosis.expectedMinutes()));
    }

    /** The diagnosis' figure; none when it has none (NaN: the rules in force made no plan). */
    private static Double minutes(Double expected) {
        return expected == null || expected.isNaN() || expected.isInfinite() ? null : expected;
    }

    /** The same advice for a case that was abandoned. */
    Advice abandoned() {
        return new Advice(rulesVersion, CaseStatus.ABANDONED, nextFix, topCause, expectedMinutes);
    }
}
