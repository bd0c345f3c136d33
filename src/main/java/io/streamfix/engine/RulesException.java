package io.streamfix.engine;

import java.util.List;
import java.util.stream.Collectors;

/** The rules folder cannot be loaded: its DRL does not compile or its knowledge data is wrong. */
public class RulesException extends RuntimeException {
    private final transient List<RuleProblem> problems;

    public RulesException(List<RuleProblem> problems) {
        super(problems.stream().map(RuleProblem::format).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in file order. */
    public List<RuleProblem> problems() {
        return problems;
    }
}
