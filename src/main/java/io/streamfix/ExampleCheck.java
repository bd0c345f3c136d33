package io.streamfix;

import io.streamfix.input.InputProblem;
import io.streamfix.input.InvalidSymptomsException;
import io.streamfix.input.SymptomCase;
import io.streamfix.model.Diagnosis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs example symptom files that state their expected outcome ({@code expect:}) through the rules and
 * says whether each meets it: what {@code streamfix test} prints and what the build checks for
 * {@code facts/}. One list of expected outcomes, one way to check them.
 *
 * <pre>{@code
 * for (Path file : ExampleCheck.files(List.of(Path.of("facts")))) {
 *     ExampleCheck.Result result = ExampleCheck.run(troubleshooter, file);
 *     System.out.println(result.outcome() + " " + file + " " + result.details());
 * }
 * }</pre>
 */
public final class ExampleCheck {
    private ExampleCheck() {
    }

    /** How an example fared. */
    public enum Outcome {
        /** The diagnosis meets the expectation. */
        PASSED,
        /** It does not: the details say how it differs. */
        FAILED,
        /** The file has no {@code expect:} block: nothing to check. */
        SKIPPED,
        /** The file cannot be read as a symptom file: the details are its problems. */
        INVALID
    }

    /**
     * @param file    the example
     * @param outcome passed, failed, skipped or invalid
     * @param details one line per mismatch or problem; empty when it passed
     */
    public record Result(Path file, Outcome outcome, List<String> details) {
        public Result {
            details = List.copyOf(details);
        }
    }

    /** The symptom files among {@code paths}: files as given, folders' {@code *.yaml}/{@code *.yml} sorted by name. */
    public static List<Path> files(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> inFolder = Files.list(path)) {
                    inFolder.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                files.add(path); // a missing file is reported by run(), like any unreadable one
            }
        }
        return files;
    }

    /** Diagnoses one example and compares the result with its {@code expect:} block. */
    public static Result run(Troubleshooter troubleshooter, Path file) {
        SymptomCase example;
        try {
            example = troubleshooter.read(file);
        } catch (InvalidSymptomsException e) {
            return new Result(file, Outcome.INVALID, e.problems().stream().map(InputProblem::format).toList());
        }
        if (example.expectation() == null) {
            return new Result(file, Outcome.SKIPPED, List.of());
        }
        Diagnosis diagnosis = troubleshooter.diagnose(example.symptoms());
        List<String> mismatches = example.expectation().mismatches(diagnosis);
        return new Result(file, mismatches.isEmpty() ? Outcome.PASSED : Outcome.FAILED, mismatches);
    }
}
