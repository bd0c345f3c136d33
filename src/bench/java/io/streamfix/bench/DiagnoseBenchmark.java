package io.streamfix.bench;

import io.streamfix.Troubleshooter;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Symptoms;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * In-process diagnosis with the real knowledge base (rules/, every rule, evidence and explanations
 * on): one call of {@link Troubleshooter#diagnose(Symptoms)} on already-read symptoms, cycling through
 * the example cases in facts/. bench/run runs it for latency (sample mode: median, p99) and for
 * throughput on 1 and 2 threads.
 */
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DiagnoseBenchmark {

    /** One troubleshooter for all threads, as a support tool shares it. */
    @State(Scope.Benchmark)
    public static class Shared {
        Troubleshooter troubleshooter;
        Symptoms[] cases;

        @Setup
        public void load() throws IOException {
            troubleshooter = Troubleshooter.load(Path.of(System.getProperty("streamfix.rules", "rules")));
            try (Stream<Path> files = Files.list(Path.of(System.getProperty("streamfix.facts", "facts")))) {
                List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
                cases = yaml.stream().map(f -> troubleshooter.read(f).symptoms()).toArray(Symptoms[]::new);
            }
        }
    }

    /** Each thread walks the cases on its own. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public Diagnosis diagnose(Shared shared, Cursor cursor) {
        Symptoms symptoms = shared.cases[cursor.next];
        cursor.next = (cursor.next + 1) % shared.cases.length;
        return shared.troubleshooter.diagnose(symptoms);
    }
}
