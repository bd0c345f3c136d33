package io.streamfix.output;

import io.streamfix.model.Cause;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Evidence;
import io.streamfix.model.FixAdvice;
import io.streamfix.model.Status;

import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link Diagnosis} as text for people: the status, the top causes with their evidence, the
 * next fix with its steps, the rest of the plan one line each, and the escalation where there is one.
 *
 * <pre>{@code
 * System.out.print(new TextOutput().render(diagnosis));
 * }</pre>
 */
public final class TextOutput {
    /** How many causes to show: more than three is no longer "at a glance". */
    private static final int TOP_CAUSES = 3;
    /** How many questions to list: the best few; {@code --format json} has them all. */
    private static final int TOP_QUESTIONS = 3;

    public String render(Diagnosis diagnosis) {
        StringBuilder out = new StringBuilder();
        out.append(p(diagnosis.errorCode())).append(": ").append(statusLine(diagnosis)).append("\n");

        List<Cause> top = diagnosis.causes().subList(0, Math.min(TOP_CAUSES, diagnosis.causes().size()));
        if (top.isEmpty()) {
            out.append("\n").append(noCause(diagnosis)).append("\n");
        } else {
            out.append("\nLikely causes\n");
            for (Cause cause : top) {
                out.append(String.format("  %3d%%  %s%n", Math.round(cause.confidence() * 100), p(cause.title())));
                for (Evidence evidence : cause.evidence()) {
                    out.append("        ").append(evidence.supports() ? "+ " : "- ").append(p(evidence.reason())).append("\n");
                }
            }
        }

        FixAdvice next = diagnosis.nextFix();
        if (next != null) {
            out.append("\nNext fix: ").append(p(next.title())).append(" (").append(cost(next)).append(")")
                    .append(next.risky() ? "  (risky: only if you are comfortable doing it)" : "").append("\n");
            for (int i = 0; i < next.steps().size(); i++) {
                out.append(String.format("  %d. %s%n", i + 1, p(next.steps().get(i))));
            }
            out.append("  Why it works: ").append(p(next.why())).append("\n");
            List<FixAdvice> rest = diagnosis.plan().subList(1, diagnosis.plan().size());
            if (!rest.isEmpty()) {
                out.append("\nIf that does not help, then (each chance given that the steps before it failed):\n");
                rest.forEach(fix -> out.append("  - ").append(p(fix.title())).append(" (").append(cost(fix)).append(")")
                        .append(fix.risky() ? " (risky)" : "").append("\n"));
            }
            out.append("  - Then, if none of these helped: contact Netflix support.\n");
            if (diagnosis.expectedMinutes() != null) {
                out.append(String.format(Locale.ROOT, "%nExpected time to resolution, following this plan: %s.%n",
                        minutes(diagnosis.expectedMinutes())));
            }
        }

        if (diagnosis.questions() != null && !diagnosis.questions().isEmpty()) {
            out.append("\nWorth asking first (the minutes each answer is expected to save, asking included):\n");
            diagnosis.questions().stream().limit(TOP_QUESTIONS).forEach(question -> out.append("  - ")
                    .append(p(question.text())).append(" [").append(String.join("/", question.answers())).append("]")
                    .append(question.minutesSaved() > 0 ? " saves " + minutes(question.minutesSaved())
                            : " (the steps differ by device)").append("\n"));
        }

        if (diagnosis.escalation() != null) {
            out.append("\nContact ").append(p(diagnosis.escalation().to())).append(". Have ready:\n");
            diagnosis.escalation().prepare().forEach(item -> out.append("  - ").append(p(item)).append("\n"));
        }
        return out.toString();
    }

    /** Every text shown comes from a symptom file or the rules: printed escaped, so one line stays one line. */
    private static String p(String text) {
        return Printable.escape(text);
    }

    private static String statusLine(Diagnosis diagnosis) {
        Status status = diagnosis.status();
        return switch (status) {
            case IN_PROGRESS -> "in progress";
            case RESOLVED -> "resolved: " + (diagnosis.resolvedBy() == null ? "a fix that was tried"
                    : "\"" + p(diagnosis.resolvedBy().title()) + "\"") + " helped";
            case ESCALATE -> "escalate: no fix left is worth its minutes against contacting support"
                    + (diagnosis.expectedMinutes() == null ? "" : " (" + minutes(diagnosis.expectedMinutes()) + ")");
        };
    }

    /** A step's minutes and chance: "3 min, 54% chance". */
    private static String cost(FixAdvice fix) {
        return minutes(fix.minutes()) + ", " + Math.round(fix.chance() * 100) + "% chance";
    }

    /** Minutes as people read them: "3 min", "1.5 min", "14 min". */
    public static String minutes(double value) {
        return value >= 10 || value == Math.rint(value) ? Math.round(value) + " min"
                : String.format(Locale.ROOT, "%.1f min", value);
    }

    /** What to say when no cause has any confidence: it depends on whether the case is still open. */
    private static String noCause(Diagnosis diagnosis) {
        return switch (diagnosis.status()) {
            case IN_PROGRESS -> "No likely cause yet: too little is known. Start with the simplest fix.";
            case RESOLVED -> "Nothing more to do: the fix that helped ended the case.";
            case ESCALATE -> "No cause stands out: the facts point at none of the known causes.";
        };
    }
}
