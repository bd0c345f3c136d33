package io.streamfix.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outcome a symptom file says it must produce (its {@code expect:} block). {@code diagnose}
 * ignores it; {@code streamfix test} and the build check it. A {@code null} field is not checked.
 *
 * @param status    the expected status
 * @param topCause  the expected likeliest cause id ({@code none} for no cause at all)
 * @param nextFix   the expected next fix id ({@code none} for no next fix)
 * @param notInPlan fix ids that must not be in the plan
 */
public record Expectation(Status status, String topCause, String nextFix, List<String> notInPlan) {
    /** Written for "no cause" or "no next fix". */
    public static final String NONE = "none";

    public Expectation {
        notInPlan = notInPlan == null ? List.of() : List.copyOf(notInPlan);
    }

    /**
     * How a diagnosis differs from this expectation: one line per mismatch, empty when it meets it.
     *
     * <pre>{@code
     * expectation.mismatches(diagnosis)  // ["next_fix: expected change_dns, got restart_network"]
     * }</pre>
     */
    public List<String> mismatches(Diagnosis diagnosis) {
        List<String> mismatches = new ArrayList<>();
        if (status != null && status != diagnosis.status()) {
            mismatches.add("status: expected " + name(status) + ", got " + name(diagnosis.status()));
        }
        String actualCause = diagnosis.topCause() == null ? NONE : diagnosis.topCause().id();
        if (topCause != null && !topCause.equals(actualCause)) {
            mismatches.add("top_cause: expected " + topCause + ", got " + actualCause);
        }
        String actualFix = diagnosis.nextFix() == null ? NONE : diagnosis.nextFix().id();
        if (nextFix != null && !nextFix.equals(actualFix)) {
            mismatches.add("next_fix: expected " + nextFix + ", got " + actualFix);
        }
        for (String fix : notInPlan) {
            if (diagnosis.plan().stream().anyMatch(step -> step.id().equals(fix))) {
                mismatches.add("not_in_plan: " + fix + " is in the plan");
            }
        }
        return mismatches;
    }

    private static String name(Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
