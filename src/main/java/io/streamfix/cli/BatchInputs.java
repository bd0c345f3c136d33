package io.streamfix.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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

    /**
     * Named like a symptom file. Whether it is a regular file is asked later ({@link #whyNotAFile}):
     * a dangling link or a FIFO named {@code *.yaml} is reported, not skipped without a word.
     */
    static boolean isSymptomFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /**
     * The inputs under a folder, sorted; a subfolder that cannot be listed (unreadable, or a path longer
     * than the system allows) is one of them, so that it is reported and the rest still read.
     */
    private static List<Path> filesIn(Path folder, Predicate<Path> isInput) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (!attributes.isDirectory() && isInput.test(file)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    found.add(file);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(Path::toString));
        return found;
    }

    /**
     * Why an input is not a file that can be read, or empty when it is one: a folder that cannot be
     * listed, a dangling symbolic link, a link loop, a FIFO or a device.
     */
    static Optional<String> whyNotAFile(Path input) {
        if (Files.isRegularFile(input)) {
            return Optional.empty();
        }
        try {
            Path real = input.toRealPath();
            if (Files.isDirectory(real)) {
                try (Stream<Path> entries = Files.list(real)) {
                    entries.findAny();
                }
                return Optional.empty(); // a folder is reported by its caller
            }
            return Optional.of("not a regular file (a FIFO, a socket or a device): not read");
        } catch (NoSuchFileException e) {
            return Optional.of(Files.isSymbolicLink(input) ? "a symbolic link to nothing (" + e.getMessage()
                    + " does not exist)" : "no such file");
        } catch (FileSystemException e) {
            String reason = io.streamfix.input.FileFailure.reason(e);
            return Optional.of((Files.isDirectory(input, LinkOption.NOFOLLOW_LINKS) ? "cannot list the folder: "
                    : "cannot read: ") + reason);
        } catch (IOException e) {
            return Optional.of("cannot read: " + e.getMessage());
        }
    }
}
