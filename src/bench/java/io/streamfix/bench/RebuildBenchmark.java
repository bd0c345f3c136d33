package io.streamfix.bench;

import io.streamfix.engine.KnowledgeBase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Rebuilding the knowledge base after a rule author's edit, in a warm JVM (what a reload costs): a
 * copy of rules/ gets a changed rule before each call, then the whole folder is compiled again,
 * without the compiled-rules cache (an edit always misses it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 15)
@Measurement(iterations = 30)
public class RebuildBenchmark {
    private Path rules;
    private Path edited;
    private String original;
    private int edits;

    @Setup(Level.Trial)
    public void copyRules() throws IOException {
        rules = Files.createTempDirectory("streamfix-rebuild");
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("streamfix.rules", "rules")))) {
            for (Path file : files.toList()) {
                Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
        edited = rules.resolve("evidence.drl");
        original = Files.readString(edited);
    }

    /** A real edit: the weight of one piece of evidence changes, as a rule author would change it. */
    @Setup(Level.Invocation)
    public void editARule() throws IOException {
        edits++;
        Files.writeString(edited, original.replaceFirst("0\\.8,", "0.8" + (edits % 10) + ","));
    }

    @Benchmark
    public KnowledgeBase rebuild() {
        return KnowledgeBase.load(rules);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> files = Files.walk(rules)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
