package io.streamfix.simulation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One simulated viewer: the true cause, every symptom fact as it really is, the facts the viewer
 * reports, and (drawn in advance, so every policy meets the same luck) whether each fix would end the
 * error and how long it would take. Made by {@link ViewerGenerator}.
 *
 * @param id                the viewer's number in its population sample
 * @param cause             the true cause
 * @param facts             every fact of the population's model, by path, as a symptom file writes it
 * @param reported          the facts the viewer reports: a subset of {@code facts}
 * @param attempts          for each fix id, what trying it would do
 * @param escalationMinutes what escalating would cost this viewer
 */
public record Viewer(int id, String cause, Map<String, String> facts, Map<String, String> reported,
                     Map<String, Attempt> attempts, double escalationMinutes) {

    public Viewer {
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        reported = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reported));
        attempts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attempts));
    }

    /**
     * What trying one fix would do for this viewer.
     *
     * @param helps   the fix ends the error
     * @param minutes how long the attempt takes
     */
    public record Attempt(boolean helps, double minutes) {
    }

    /**
     * The reported facts as a symptom document ({@code {"network": {"vpn_active": true}, …}}), the map a
     * symptom file holds: true/false facts as booleans, choices as their names.
     */
    public Map<String, Object> document() {
        Map<String, Object> document = new LinkedHashMap<>();
        reported.forEach((path, value) -> {
            int dot = path.indexOf('.');
            @SuppressWarnings("unchecked")
            Map<String, Object> section = (Map<String, Object>) document.computeIfAbsent(
                    path.substring(0, dot), k -> new LinkedHashMap<String, Object>());
            section.put(path.substring(dot + 1), switch (value) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> value;
            });
        });
        return document;
    }
}
