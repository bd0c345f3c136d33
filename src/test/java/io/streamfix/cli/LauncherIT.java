package io.streamfix.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher {@code exec}s Java (issue 14, defect 9): a first run stopped by a signal leaves no JVM
 * running and no half-recorded class archive behind. With Java 25 the launcher records an AOT cache on
 * the second diagnosis and assembles it at the third start: runs stopped at each of those steps leave
 * nothing half-made in use either. Java 17 (the fallback where no Java 25 is installed) gives the same
 * diagnosis.
 */
class LauncherIT {
    @TempDir
    Path home;

    @Test
    void runsStoppedByASignalLeaveNoJvmAndNoArchiveBehind() throws Exception {
        Path launcher = installedCopy();
        String expected = null;
        for (int round = 1; round <= 3; round++) {
            Process run = new ProcessBuilder("timeout", "0.5", "bash", launcher.toString(), "diagnose",
                    "facts/vpn-active-phone.yaml").redirectErrorStream(true)
                    .redirectOutput(home.resolve("run.log").toFile()).start();
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); // an orphaned JVM would still be diagnosing
            while (!jvmsOf(home).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(jvmsOf(home)).as("JVMs still running from the stopped launcher").isEmpty();

            // The next run tidies what the stopped one recorded: an archive in place, or nothing.
            Path log = home.resolve("next-" + round + ".log");
            Process next = new ProcessBuilder("bash", launcher.toString(), "diagnose", "facts/vpn-active-phone.yaml")
                    .redirectError(home.resolve("next.err").toFile()).redirectOutput(log.toFile()).start();
            assertThat(next.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(next.exitValue()).isZero();
            assertThat(Files.readString(home.resolve("next.err"))).as("stderr of a good run").isEmpty();
            expected = expected == null ? Files.readString(log) : expected;
            assertThat(Files.readString(log)).as("the diagnosis, whatever the archive's state").isEqualTo(expected);
            // A half-written archive or cache carries the pid of its writer (a recorded AOT configuration,
            // .aot.conf.PID, is whole once its run ended: the next start assembles it).
            assertThat(filesLeft()).as("files the runs left").noneMatch(name -> name.matches(".*\\.(jsa|aot)\\.\\d+"));
        }
        assertThat(filesLeft()).as("an archive in place after the rounds")
                .anyMatch(name -> name.endsWith(".jsa") || name.endsWith(".aot"));
    }

    private List<String> filesLeft() throws Exception {
        try (Stream<Path> files = Files.list(home.resolve("target"))) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    @Test
    void theJavaOnThePathGivesTheSameDiagnosisAsTheOneTheLauncherPicks() throws Exception {
        Path launcher = installedCopy();
        String picked = diagnosis(launcher, Map.of());
        String onThePath = diagnosis(launcher, Map.of("STREAMFIX_JAVA", "java"));
        assertThat(onThePath).isEqualTo(picked).contains("NSEZ-403");
        assertThat(diagnosis(launcher, Map.of("STREAMFIX_JAVA", "java"))).as("with its archive").isEqualTo(picked);
    }

    private String diagnosis(Path launcher, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", launcher.toString(), "diagnose", "facts/vpn-active-phone.yaml")
                .redirectError(home.resolve("err.log").toFile()).redirectOutput(home.resolve("out.log").toFile());
        builder.environment().putAll(env);
        Process run = builder.start();
        assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isZero();
        assertThat(Files.readString(home.resolve("err.log"))).isEmpty();
        return Files.readString(home.resolve("out.log"));
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
