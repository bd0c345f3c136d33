package io.streamfix.engine;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * How long one diagnosis may take ({@link #DEFAULT}: 10 s; a sound diagnosis takes milliseconds). Past
 * it the diagnosis fails with {@link RuleTimeout} naming the rule that was firing, and the caller goes
 * on: a rule author's endless loop costs a thread, never the process.
 *
 * <pre>{@code
 * TimeBudget budget = new TimeBudget(Duration.ofSeconds(2));
 * Diagnosis diagnosis = budget.run(() -> troubleshooter.diagnose(symptoms)); // or RuleTimeout
 * }</pre>
 *
 * <p>{@link #run} moves the work to a thread of its own, which the caller can abandon; a caller that
 * already has worker threads (the service) uses a {@link #deadline()} directly. A diagnosis run
 * outside both has no budget, only the firing limit: that is the plain path the benchmarks measure.
 */
public final class TimeBudget {
    /** Enough for any sound rule set on a busy machine, short enough that a stuck one is seen soon. */
    public static final Duration DEFAULT = Duration.ofSeconds(10);

    private static final AtomicInteger THREAD_COUNT = new AtomicInteger();
    /** Threads for {@link #run}: a thread left running past its budget is replaced by the next call. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "streamfix-budgeted-" + THREAD_COUNT.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private final Duration limit;

    /** @param limit at least one millisecond */
    public TimeBudget(Duration limit) {
        if (limit.isNegative() || limit.toMillis() < 1) {
            throw new IllegalArgumentException("a time budget must be at least 1 ms, not " + limit);
        }
        this.limit = limit;
    }

    /** The budget per diagnosis. */
    public Duration limit() {
        return limit;
    }

    /** A deadline for one diagnosis, for callers that run it on threads of their own. */
    public Deadline deadline() {
        return new Deadline(limit);
    }

    /**
     * Runs {@code work} (one diagnosis, or one case's diagnosis and explanation) on a thread of its own
     * and waits for it at most this budget.
     *
     * @throws RuleTimeout when it runs past the budget
     */
    public <T> T run(Supplier<T> work) {
        Deadline deadline = deadline();
        Future<T> running = THREADS.submit(() -> deadline.run(work));
        return deadline.await(running);
    }
}
