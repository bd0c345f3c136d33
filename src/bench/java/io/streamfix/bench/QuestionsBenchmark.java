package io.streamfix.bench;

import io.streamfix.Troubleshooter;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Symptoms;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A diagnosis with its questions ranked ({@link Troubleshooter#diagnoseWithQuestions}), as
 * {@code POST /v1/diagnose} and {@code streamfix diagnose FILE} give it, cycling through the example
 * cases in facts/ like {@link DiagnoseBenchmark} (most know only a few facts, so each has 10 to 30
 * answers to try). bench/run runs it for latency (sample mode: median, p99) on 1 thread.
 */
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class QuestionsBenchmark {

    @Benchmark
    public Diagnosis diagnoseWithQuestions(DiagnoseBenchmark.Shared shared, DiagnoseBenchmark.Cursor cursor) {
        Symptoms symptoms = shared.cases[cursor.next];
        cursor.next = (cursor.next + 1) % shared.cases.length;
        return shared.troubleshooter.diagnoseWithQuestions(symptoms);
    }
}
