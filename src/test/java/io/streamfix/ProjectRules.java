package io.streamfix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The project's rules folder, for tests that need a copy of it to edit or break. */
public final class ProjectRules {
    /** The project's own rules, relative to the Maven base directory the tests run in. */
    public static final Path FOLDER = Path.of("rules");
    /** Rules broken on purpose, a file each, shared by the tests and bench/serve-load.sh. */
    public static final Path FAULTS = Path.of("src/test/resources/rule-faults");

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

    /**
     * The text of the broken rule {@code name} of {@link #FAULTS}: {@code casts-badly.drl} (its then-part
     * throws a ClassCastException on every case with a device) or {@code spins-on-vpn.drl} (its then-part
     * never returns on a case with a VPN on).
     */
    public static String fault(String name) throws IOException {
        return Files.readString(FAULTS.resolve(name));
    }
}
