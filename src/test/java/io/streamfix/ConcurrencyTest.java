package io.streamfix;

import io.streamfix.model.Diagnosis;
import io.streamfix.model.Symptoms;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** One Troubleshooter shared by many threads gives exactly the results of one thread. */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int DIAGNOSES_PER_THREAD = 2_000;

    @Test
    void eightThreadsGetExactlyTheSequentialResultsWithNothingLeakingBetweenCases() throws Exception {
        Troubleshooter shared = Troubleshooter.load(Path.of("rules"));
        List<Symptoms> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("facts"))) {
            for (Path file : files.sorted().toList()) {
                cases.add(shared.read(file).symptoms());
            }
        }
        // Alone, one after the other: the reference answers.
        List<Diagnosis> expected = cases.stream().map(shared::diagnose).toList();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                workers.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < DIAGNOSES_PER_THREAD; i++) {
                        // Each thread walks the cases from its own offset, so very different cases
                        // (resolved, escalated, VPN, outage...) follow each other on every thread.
                        int which = (i * 7 + offset) % cases.size();
                        Diagnosis actual = shared.diagnose(cases.get(which));
                        if (!actual.equals(expected.get(which))) {
                            throw new AssertionError("case " + which + " differs on thread " + offset + ": " + actual);
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            int total = 0;
            for (Future<Integer> worker : workers) {
                total += worker.get();
            }
            assertThat(total).isEqualTo(THREADS * DIAGNOSES_PER_THREAD);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCaseDiagnosedAfterAnotherIsNotAffectedByIt() throws IOException {
        Troubleshooter shared = Troubleshooter.load(Path.of("rules"));
        Symptoms empty = shared.read(Path.of("facts/nothing-known.yaml")).symptoms();
        Diagnosis fresh = shared.diagnose(empty);

        shared.diagnose(shared.read(Path.of("facts/everything-failed.yaml")).symptoms());
        shared.diagnose(shared.read(Path.of("facts/fix-helped.yaml")).symptoms());

        assertThat(shared.diagnose(empty)).isEqualTo(fresh);
        assertThat(fresh.causes()).allSatisfy(cause -> assertThat(cause.confidence()).isEqualTo(cause.baseRate()));
    }
}
