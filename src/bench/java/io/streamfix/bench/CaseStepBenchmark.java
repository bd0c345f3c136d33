package io.streamfix.bench;

import io.streamfix.cases.Advice;
import io.streamfix.cases.Advisor;
import io.streamfix.cases.CaseStatus;
import io.streamfix.cases.CaseStore;
import io.streamfix.cases.Recorded;
import io.streamfix.cases.Step;
import io.streamfix.model.FixResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Recording one step on a case store, as {@code POST /v1/cases/{id}/steps} does after its diagnosis:
 * read the case, apply the step, write it in one transaction (SQLite: WAL, {@code synchronous=NORMAL};
 * PostgreSQL: each commit synced), each with a request id. {@code store} is {@code sqlite} (a file of
 * this run's own) or the location of a PostgreSQL database to fill ({@code -p store=postgresql://…};
 * bench/run makes one on the tests' server, .ci/postgres). The advice is fixed, so that this measures the
 * store alone (the diagnosis is {@link QuestionsBenchmark}). Each iteration spreads its steps over
 * 2,000 fresh cases, so a case holds a handful of steps, as a support call does. bench/run runs it in
 * sample mode (median, p99) on 1 thread; the target is p99 <= 2 ms.
 */
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class CaseStepBenchmark {
    private static final int CASES = 2000;
    private static final Advice ADVICE = new Advice("bench", CaseStatus.OPEN, "restart_network", null, null);
    private static final Advisor ADVISOR = document -> ADVICE;
    private static final Step STEP = Step.attempt("restart_network", FixResult.FAILED, 5.0);

    @Param({"sqlite"})
    public String store;

    private Path folder;
    private CaseStore cases;
    private String[] ids;
    private int next;

    @Setup(Level.Trial)
    public void openStore() throws IOException {
        folder = Files.createTempDirectory("streamfix-bench-cases");
        cases = CaseStore.open("sqlite".equals(store) ? folder.resolve("cases.db").toString() : store);
    }

    @Setup(Level.Iteration)
    public void openCases() {
        ids = new String[CASES];
        for (int i = 0; i < CASES; i++) {
            ids[i] = cases.open(Map.of("network", Map.of("vpn_active", true)), null, ADVISOR).kept().id();
        }
        next = 0;
    }

    @TearDown(Level.Trial)
    public void closeStore() throws IOException {
        cases.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public Recorded recordStep() {
        String id = ids[next];
        next = (next + 1) % CASES;
        return cases.record(id, STEP, UUID.randomUUID().toString(), ADVISOR);
    }
}
