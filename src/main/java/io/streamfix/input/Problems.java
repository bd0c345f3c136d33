package io.streamfix.input;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the problems of one input. Reading goes on after a problem so that one run reports them
 * all; the caller throws at the end if any were found.
 */
final class Problems {

    private final String source;
    private final List<InputProblem> found = new ArrayList<>();

    Problems(String source) {
        this.source = source;
    }

    /** Adds a problem and returns it (for {@link #remove}). */
    InputProblem add(Node.Location at, String field, String message) {
        InputProblem problem = new InputProblem(source, at.line(), at.column(), field, message);
        found.add(problem);
        return problem;
    }

    /** Takes back a problem that a later one explains better. */
    void remove(InputProblem problem) {
        found.remove(problem);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws the problems, in document order, if there are any. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidSymptomsException(inOrder());
        }
    }

    /** The problems in document order. */
    List<InputProblem> inOrder() {
        // A stable sort: problems without a location (input given as a map) keep the order found.
        List<InputProblem> inOrder = new ArrayList<>(found);
        inOrder.sort(Comparator.comparingInt(InputProblem::line).thenComparingInt(InputProblem::column));
        return inOrder;
    }
}
