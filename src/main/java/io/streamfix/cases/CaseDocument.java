package io.streamfix.cases;

import io.streamfix.input.SymptomDocument;
import io.streamfix.input.SymptomFact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What steps do to a symptom document: an answer sets a fact, an attempt is appended to {@code tried:}.
 * The one place that turns a case's steps into its document, for the store and for its export.
 */
final class CaseDocument {
    private CaseDocument() {
    }

    /** The document with every step in force applied in order. */
    static Map<String, Object> replay(Map<String, Object> opening, List<CaseStep> steps) {
        Map<String, Object> document = opening;
        for (CaseStep step : steps) {
            if (step.inForce()) {
                document = apply(document, step.step());
            }
        }
        return document;
    }

    /** A copy of the document with one step applied (undo and abandon leave it as it is). */
    static Map<String, Object> apply(Map<String, Object> document, Step step) {
        return switch (step.kind()) {
            case ANSWER -> withFact(document, step.fact(), step.answer());
            case FIX -> withAttempt(document, step);
            case UNDO, ABANDON -> document;
        };
    }

    /**
     * An askable fact takes its answer as a question's answer ({@code yes} becomes {@code true}); any
     * other path (free text such as {@code device.model}) is written as given, for the reader to check.
     */
    private static Map<String, Object> withFact(Map<String, Object> document, String path, String answer) {
        if (SymptomFact.named(path).isPresent()) {
            return SymptomDocument.withAnswer(document, path, answer);
        }
        String[] parts = path.split("\\.", 2);
        Map<String, Object> copy = new LinkedHashMap<>(document);
        if (parts.length == 1) {
            copy.put(path, answer);
            return copy;
        }
        Map<String, Object> section = new LinkedHashMap<>();
        if (document.get(parts[0]) instanceof Map<?, ?> old) {
            old.forEach((k, v) -> section.put(String.valueOf(k), v));
        }
        section.put(parts[1], answer);
        copy.put(parts[0], section);
        return copy;
    }

    private static Map<String, Object> withAttempt(Map<String, Object> document, Step step) {
        Map<String, Object> copy = new LinkedHashMap<>(document);
        List<Object> tried = new ArrayList<>(document.get("tried") instanceof List<?> list ? list : List.of());
        Map<String, Object> attempt = new LinkedHashMap<>();
        attempt.put("fix", step.fix());
        attempt.put("result", step.result().name().toLowerCase(java.util.Locale.ROOT));
        if (step.minutes() != null) {
            attempt.put("minutes", step.minutes());
        }
        tried.add(attempt);
        copy.put("tried", tried);
        return copy;
    }
}
