package io.streamfix.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
        List<Path> files = new ArrayList<>();
        for (Path argument : arguments) {
            List<Path> found = Files.isDirectory(argument) ? symptomFilesIn(argument) : List.of(argument);
            files.addAll(found.isEmpty() ? List.of(argument) : found);
        }
        return files;
    }

    static boolean isSymptomFile(Path file) {
        String name = file.getFileName().toString();
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(file);
    }

    private static List<Path> symptomFilesIn(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(BatchInputs::isSymptomFile).sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }
}
