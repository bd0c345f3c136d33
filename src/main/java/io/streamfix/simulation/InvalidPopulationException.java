package io.streamfix.simulation;

import io.streamfix.input.InputProblem;

import java.util.List;
import java.util.stream.Collectors;

/** A population file that cannot be used: every problem, located by line, column and field. */
public class InvalidPopulationException extends RuntimeException {
    private final transient List<InputProblem> problems;

    public InvalidPopulationException(List<InputProblem> problems) {
        super(problems.stream().map(InputProblem::format).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in file order. */
    public List<InputProblem> problems() {
        return problems;
    }
}
