package io.streamfix.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The inputs of {@code streamfix diagnose}: each file as given, and each folder replaced by the
 * {@code *.yaml} and {@code *.yml} files under it, sorted by path so that runs are repeatable.
 */
final class BatchInputs {
    private BatchInputs() {
    }

    /**
     * The files to diagnose, in the order given. A folder holding no symptom files stays in the list
     * as itself, so that it is reported as a failed input rather than silently skipped.
     */
    static List<Path> expand(List<Path> arguments) {
        return expand(arguments, BatchInputs::isSymptomFile);
    }

    /** As {@link #expand(List)}, a folder replaced by the files under it that {@code isInput} accepts. */
    static List<Path> expand(List<Path> arguments, Predicate<Path> isInput) {
        List<Path> files = new ArrayList<>();
        for (Path argument : arguments) {
            List<Path> found = Files.isDirectory(argument) ? filesIn(argument, isInput) : List.of(argument);
            files.addAll(found.isEmpty() ? List.of(argument) : found);
        }
        return files;
    }

    static boolean isSymptomFile(Path file) {
        String name = file.getFileName().toString();
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(file);
    }

    private static List<Path> filesIn(Path folder, Predicate<Path> isInput) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(isInput).sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }
}
