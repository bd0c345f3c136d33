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
        return new ReloadFailure(at.toString(), problems.stream().map(RuleProblem::format).toList());
    }
}
