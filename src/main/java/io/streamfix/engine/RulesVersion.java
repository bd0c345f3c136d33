package io.streamfix.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The version of a rules folder: a SHA-256 over the names and contents of its rule and data files
 * ({@code *.drl}, {@code *.yaml}, {@code *.yml}). Two folders with the same files have the same
 * version; any edit, added or removed file changes it. Timestamps play no part.
 */
final class RulesVersion {
    private RulesVersion() {
    }

    /** The files that make up the rules, in a stable order. */
    static List<Path> files(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> isRulesFile(f.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a file name is part of the rules (editor backups and other files are not). */
    static boolean isRulesFile(String name) {
        return name.endsWith(".drl") || name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** The version of the folder, as 64 hex digits. */
    static String of(Path folder) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files(folder)) {
                digest.update(folder.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(file));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version of a folder with extra rule files from elsewhere (named by their full path). */
    static String of(Path folder, List<Path> extraFiles) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(of(folder).getBytes(StandardCharsets.UTF_8));
            for (Path file : extraFiles) {
                digest.update((byte) 0);
                digest.update(file.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
