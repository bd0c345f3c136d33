package io.streamfix.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The symptom files a {@code diagnose} run covers: each file as given, and for each folder its
 * {@code *.yaml} and {@code *.yml} files, subfolders included, sorted by path. A path that does not
 * exist stays in the list, so that the run reports it in its place like any other bad input.
 */
final class BatchInputs {
    private BatchInputs() {
    }

    static List<Path> expand(List<Path> given) {
        List<Path> files = new ArrayList<>();
        for (Path path : given) {
            if (Files.isDirectory(path)) {
                files.addAll(symptomFilesIn(path));
            } else {
                files.add(path);
            }
        }
        return files;
    }

    private static List<Path> symptomFilesIn(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(BatchInputs::isSymptomFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static boolean isSymptomFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(file);
    }
}
