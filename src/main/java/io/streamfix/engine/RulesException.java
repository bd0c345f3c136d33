package io.streamfix.engine;

import java.util.List;
import java.util.stream.Collectors;

/** The rules folder cannot be loaded: its DRL does not compile or its knowledge data is wrong. */
public class RulesException extends RuntimeException {
    private final transient List<RuleProblem> problems;
    private final transient List<RuleProblem> warnings;

    public RulesException(List<RuleProblem> problems) {
        this(problems, List.of());
    }

    /** The errors that stop the load, and the warnings found with them (which alone would not). */
    public RulesException(List<RuleProblem> problems, List<RuleProblem> warnings) {
        super(problems.stream().map(RuleProblem::format).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
        this.warnings = List.copyOf(warnings);
    }

    /** The warnings found along with the errors; {@code streamfix check} lists them too. */
    public List<RuleProblem> warnings() {
        return warnings;
    }

    /** Every problem found, in file order. */
    public List<RuleProblem> problems() {
        return problems;
    }
}
