package io.streamfix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The project's rules folder, for tests that need a copy of it to edit or break. */
public final class ProjectRules {
    /** The project's own rules, relative to the Maven base directory the tests run in. */
    public static final Path FOLDER = Path.of("rules");

    private ProjectRules() {
    }

    /** Copies every file of rules/ into {@code folder} (created if needed) and returns {@code folder}. */
    public static Path copyInto(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (Stream<Path> files = Files.list(FOLDER)) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        return folder;
    }
}
