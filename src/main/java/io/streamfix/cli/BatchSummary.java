package io.streamfix.cli;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts across a batch ({@code --summary}): how many inputs were diagnosed or failed, and how often
 * each cause came out on top and each fix came next, so a support lead sees what a batch of tickets has
 * in common. {@code none} counts cases without a likely cause, or without a next fix (resolved or escalated).
 */
final class BatchSummary {
    private static final String NONE = "none";

    private int inputs;
    private int failed;
    private final Map<String, Integer> statuses = new HashMap<>();
    private final Map<String, Integer> topCauses = new HashMap<>();
    private final Map<String, Integer> nextFixes = new HashMap<>();

    /** Counts one outcome. */
    void add(Outcome outcome) {
        inputs++;
        if (!outcome.ok()) {
            failed++;
            return;
        }
        var diagnosis = outcome.diagnosis();
        statuses.merge(diagnosis.status().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
        topCauses.merge(diagnosis.topCause() == null ? NONE : diagnosis.topCause().id(), 1, Integer::sum);
        nextFixes.merge(diagnosis.nextFix() == null ? NONE : diagnosis.nextFix().id(), 1, Integer::sum);
    }

    /** The summary as a JSON object: {@code inputs, diagnosed, failed, statuses, top_causes, next_fixes}. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("inputs", inputs);
        json.put("diagnosed", inputs - failed);
        json.put("failed", failed);
        json.put("statuses", mostFirst(statuses));
        json.put("top_causes", mostFirst(topCauses));
        json.put("next_fixes", mostFirst(nextFixes));
        return json;
    }

    /** The summary as a table for people. */
    String toText() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("Summary: %d inputs, %d diagnosed, %d failed%n", inputs, inputs - failed, failed));
        table(text, "Status", statuses);
        table(text, "Top cause", topCauses);
        table(text, "Next fix", nextFixes);
        return text.toString();
    }

    private static void table(StringBuilder text, String heading, Map<String, Integer> counts) {
        text.append(String.format("%n  %-28s %6s%n", heading, "cases"));
        mostFirst(counts).forEach((name, count) -> text.append(String.format("  %-28s %6d%n", name, count)));
    }

    /** Highest count first; equal counts by name, so that the output is repeatable. */
    private static Map<String, Integer> mostFirst(Map<String, Integer> counts) {
        Map<String, Integer> sorted = new LinkedHashMap<>();
        List<Map.Entry<String, Integer>> entries = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
        entries.forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
