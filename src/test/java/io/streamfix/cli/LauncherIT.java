package io.streamfix.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher {@code exec}s Java (issue 14, defect 9): a first run stopped by a signal leaves no JVM
 * running and no half-recorded class archive behind.
 */
class LauncherIT {
    @TempDir
    Path home;

    @Test
    void aFirstRunStoppedByASignalLeavesNoJvmAndNoArchiveBehind() throws Exception {
        Path launcher = installedCopy();

        Process run = new ProcessBuilder("timeout", "0.5", "bash", launcher.toString(), "diagnose",
                "facts/vpn-active-phone.yaml").redirectErrorStream(true).redirectOutput(home.resolve("run.log").toFile())
                .start();
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); // an orphaned JVM would still be diagnosing
        while (!jvmsOf(home).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(jvmsOf(home)).as("JVMs still running from the stopped launcher").isEmpty();

        // The next run tidies what the stopped one recorded: an archive in place, or nothing.
        Process next = new ProcessBuilder("bash", launcher.toString(), "diagnose", "facts/vpn-active-phone.yaml")
                .redirectErrorStream(true).redirectOutput(home.resolve("next.log").toFile()).start();
        assertThat(next.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(next.exitValue()).isZero();
        try (Stream<Path> files = Files.list(home.resolve("target"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("files the runs left").noneMatch(name -> name.matches(".*\\.jsa\\.\\d+"));
        }
    }

    /** The launcher and the built jar in a folder of their own, the jar newer than the sources. */
    private Path installedCopy() throws Exception {
        Path launcher = Files.copy(Path.of("streamfix"), home.resolve("streamfix"));
        Files.createDirectories(home.resolve("src/main"));
        Files.writeString(home.resolve("pom.xml"), "");
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(home.resolve("pom.xml"), old);
        Files.setLastModifiedTime(home.resolve("src/main"), old);
        Files.createDirectories(home.resolve("target"));
        Files.copy(Path.of("target/streamfix.jar"), home.resolve("target/streamfix.jar"));
        Path rules = Files.createDirectories(home.resolve("rules"));
        try (Stream<Path> files = Files.list(Path.of("rules"))) {
            for (Path file : files.toList()) {
                Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
        return launcher;
    }

    /** Processes whose command line names {@code home} (read from /proc: ProcessHandle may not know it). */
    private static List<Long> jvmsOf(Path home) throws Exception {
        String marker = home.toString();
        List<Long> found = new java.util.ArrayList<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String commandLine = new String(Files.readAllBytes(process.resolve("cmdline"))).replace('\0', ' ');
                    if (commandLine.contains("java") && commandLine.contains(marker)) {
                        found.add(Long.parseLong(process.getFileName().toString()));
                    }
                } catch (java.io.IOException gone) {
                    // the process ended while listed
                }
            }
        }
        return found;
    }
}
