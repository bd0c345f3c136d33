package io.streamfix.cli;

import io.streamfix.engine.TimeBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BatchRunnerTest {
    private static final TimeBudget BUDGET = new TimeBudget(Duration.ofMillis(300));

    @Test
    void resultsComeInInputOrderThoughTheyFinishOutOfOrder() {
        List<Integer> inputs = IntStream.range(0, 500).boxed().toList();
        List<String> results = new ArrayList<>();

        new BatchRunner(4).run(inputs, BUDGET,
                (n, deadline) -> deadline.run(() -> {
                    if (n % 7 == 0) {
                        sleep(2); // a slow one: those after it finish first
                    }
                    return "done " + n;
                }),
                (n, timeout) -> "stuck " + n,
                results::add);

        assertThat(results).containsExactlyElementsOf(inputs.stream().map(n -> "done " + n).toList());
    }

    private volatile boolean released;

    /** One thread, and a job that never returns: the batch gives up on it at the budget and goes on with a new thread. */
    @Test
    @Timeout(30) // without a thread in the stuck one's place, the third job would never run
    void aJobStuckPastTheBudgetGetsItsResultAndTheOthersStillRun() {
        List<String> results = new ArrayList<>();
        try {
            new BatchRunner(1).run(List.of(1, 2, 3), BUDGET,
                    (n, deadline) -> deadline.run(() -> {
                        while (n == 2 && !released) {
                            Thread.onSpinWait(); // deaf to interruption, like a rule's endless loop
                        }
                        return "done " + n;
                    }),
                    (n, timeout) -> "stuck " + n + (timeout.abandoned() ? ", abandoned" : ""),
                    results::add);
        } finally {
            released = true;
        }

        assertThat(results).containsExactly("done 1", "stuck 2, abandoned", "done 3");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
