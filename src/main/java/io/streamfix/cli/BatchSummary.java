package io.streamfix.cli;

import io.streamfix.model.Diagnosis;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts across a batch ({@code diagnose --summary}): how many inputs were diagnosed or failed, and
 * how often each status, top cause and next fix came up, so that a support lead sees what a whole
 * export of tickets is about. {@code none} counts diagnoses without a likely cause or a next fix.
 */
final class BatchSummary {
    static final String NONE = "none";

    private int inputs;
    private int failed;
    private final Map<String, Integer> statuses = new TreeMap<>();
    private final Map<String, Integer> topCauses = new TreeMap<>();
    private final Map<String, Integer> nextFixes = new TreeMap<>();

    void add(Outcome outcome) {
        inputs++;
        Diagnosis diagnosis = outcome.diagnosis();
        if (diagnosis == null) {
            failed++;
            return;
        }
        statuses.merge(diagnosis.status().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
        topCauses.merge(diagnosis.topCause() == null ? NONE : diagnosis.topCause().id(), 1, Integer::sum);
        nextFixes.merge(diagnosis.nextFix() == null ? NONE : diagnosis.nextFix().id(), 1, Integer::sum);
    }

    /** The summary as one JSON-ready object; every count map is ordered most frequent first. */
    Map<String, Object> toMap() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("inputs", inputs);
        summary.put("diagnosed", inputs - failed);
        summary.put("failed", failed);
        summary.put("status", mostFrequentFirst(statuses));
        summary.put("top_causes", mostFrequentFirst(topCauses));
        summary.put("next_fixes", mostFrequentFirst(nextFixes));
        return summary;
    }

    /** The summary as tables for people. */
    String toText() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%d inputs: %d diagnosed, %d failed%n", inputs, inputs - failed, failed));
        table(out, "Status", statuses);
        table(out, "Top cause", topCauses);
        table(out, "Next fix", nextFixes);
        return out.toString();
    }

    private void table(StringBuilder out, String heading, Map<String, Integer> counts) {
        int diagnosed = inputs - failed;
        out.append(String.format("%n%-24s %7s %6s%n", heading, "count", "share"));
        mostFrequentFirst(counts).forEach((id, count) -> out.append(String.format("%-24s %7d %5.0f%%%n",
                id, count, 100.0 * count / Math.max(1, diagnosed))));
    }

    private static Map<String, Integer> mostFrequentFirst(Map<String, Integer> counts) {
        List<Map.Entry<String, Integer>> entries = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
        Map<String, Integer> ordered = new LinkedHashMap<>();
        entries.forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }
}
