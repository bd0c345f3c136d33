package io.streamfix.input;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A symptom file (or map) that cannot be used: carries every problem found in it, not just the first,
 * so that one run shows everything to fix.
 *
 * <pre>{@code
 * try {
 *     reader.read(Path.of("facts/x.yaml"));
 * } catch (InvalidSymptomsException e) {
 *     e.problems().forEach(p -> System.err.println(p.format()));
 * }
 * }</pre>
 */
public class InvalidSymptomsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<InputProblem> problems;

    /** @param problems at least one problem, in the order to show them */
    public InvalidSymptomsException(List<InputProblem> problems) {
        super(problems.stream().map(InputProblem::format).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidSymptomsException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems, in document order. */
    public List<InputProblem> problems() {
        return problems;
    }
}
