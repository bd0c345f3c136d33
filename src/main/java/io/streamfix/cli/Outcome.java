package io.streamfix.cli;

import io.streamfix.Troubleshooter;
import io.streamfix.engine.RuleFault;
import io.streamfix.input.InputProblem;
import io.streamfix.input.InvalidSymptomsException;
import io.streamfix.model.Diagnosis;

import java.nio.file.Path;
import java.util.List;

/**
 * What came of one input of a {@code diagnose} run: a diagnosis, or the reasons there is none.
 *
 * @param file      the input as named on the command line (or found in a folder)
 * @param diagnosis the diagnosis, or {@code null} when the input failed
 * @param errors    why it failed, each located as precisely as possible; empty when diagnosed
 * @param exitCode  {@link ExitCode#OK}, {@link ExitCode#BAD_INPUT} or {@link ExitCode#RULES_BROKEN}
 */
record Outcome(String file, Diagnosis diagnosis, List<InputProblem> errors, int exitCode) {

    /** Diagnoses one file; a bad file or a rule fault becomes an outcome, so the batch goes on. */
    static Outcome of(Path file, Troubleshooter troubleshooter) {
        String name = file.toString();
        try {
            return new Outcome(name, troubleshooter.diagnose(file), List.of(), ExitCode.OK);
        } catch (InvalidSymptomsException e) {
            return new Outcome(name, null, e.problems(), ExitCode.BAD_INPUT);
        } catch (RuleFault e) {
            return new Outcome(name, null, List.of(new InputProblem(name, 0, 0, "", e.getMessage())),
                    ExitCode.RULES_BROKEN);
        }
    }

    boolean failed() {
        return diagnosis == null;
    }
}
