package io.streamfix.cli;

import io.streamfix.input.InputProblem;
import io.streamfix.model.Diagnosis;

import java.util.List;

/**
 * What came of one input of a batch: a diagnosis, or the problems that prevented one.
 *
 * @param file      the input as named on the command line (or found in a folder given there)
 * @param diagnosis the diagnosis, or {@code null} when the input failed
 * @param problems  why it failed, each located as precisely as possible; empty when diagnosed
 * @param exitCode  {@link ExitCode#OK}, {@link ExitCode#BAD_INPUT} or {@link ExitCode#RULES_BROKEN}
 */
record Outcome(String file, Diagnosis diagnosis, List<InputProblem> problems, int exitCode) {
    Outcome {
        problems = List.copyOf(problems);
    }

    static Outcome diagnosed(String file, Diagnosis diagnosis) {
        return new Outcome(file, diagnosis, List.of(), ExitCode.OK);
    }

    static Outcome failed(String file, List<InputProblem> problems, int exitCode) {
        return new Outcome(file, null, problems, exitCode);
    }

    boolean ok() {
        return diagnosis != null;
    }
}
