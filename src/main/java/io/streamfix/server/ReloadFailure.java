package io.streamfix.server;

import io.streamfix.engine.RuleProblem;

import java.util.List;

/**
 * A reload of the rules folder that failed; the service kept answering with the rules it had.
 *
 * @param at     when it failed (ISO-8601, UTC)
 * @param errors each problem as the CLI prints it: {@code rules/evidence.drl:12:5: ...}
 */
public record ReloadFailure(String at, List<String> errors) {
    public ReloadFailure {
        errors = List.copyOf(errors);
    }

    static ReloadFailure of(java.time.Instant at, List<RuleProblem> problems) {
        return of(at, problems, null);
    }

    /**
     * The problems of a reload of {@code folder}, each file named from the folder's own name on
     * ({@code rules/evidence.drl:12:5}), so that no absolute server path is in an answer.
     */
    static ReloadFailure of(java.time.Instant at, List<RuleProblem> problems, java.nio.file.Path folder) {
        java.nio.file.Path absolute = folder == null ? null : folder.toAbsolutePath().normalize();
        return new ReloadFailure(at.toString(), problems.stream().map(p -> {
            String text = p.format();
            if (absolute != null && absolute.getParent() != null) {
                text = text.replace(absolute.getParent() + java.io.File.separator, "");
            }
            return text;
        }).toList());
    }
}
