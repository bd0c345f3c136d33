package io.streamfix.cli;

import io.streamfix.engine.Deadline;
import io.streamfix.engine.RuleTimeout;
import io.streamfix.engine.TimeBudget;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Runs one job per input on every core, each under a time budget, and hands the results over in input
 * order, as soon as each is next in line. Only a bounded window of inputs is in flight, so a batch of any
 * size runs in little memory.
 *
 * <p>A job runs its budgeted part on the worker's own thread ({@link Deadline#run}) and the calling
 * thread, which waits for the results in order anyway, watches the budget ({@link Deadline#await}):
 * handing every diagnosis to a thread of its own ({@link TimeBudget#run}) cost a batch of 10,000 files
 * a quarter to a third of its time in hand-overs between threads (bench/run). A worker stuck in a rule
 * that never returns is given up on at the budget, and a new thread takes its place.
 *
 * <pre>{@code
 * new BatchRunner(2).run(files, budget,
 *         (file, deadline) -> deadline.run(() -> diagnose(file)),
 *         (file, timeout) -> failed(file, timeout),
 *         System.out::println);
 * }</pre>
 */
final class BatchRunner {
    /** Inputs in flight per thread: enough to keep every core busy while a slow input holds up the line. */
    private static final int WINDOW_PER_THREAD = 64;

    private final int threads;

    /** @param threads how many inputs are worked on at once */
    BatchRunner(int threads) {
        this.threads = Math.max(1, threads);
    }

    /** As many threads as the machine has cores. */
    static BatchRunner onAllCores() {
        return new BatchRunner(Runtime.getRuntime().availableProcessors());
    }

    /** An input being worked on: what the calling thread waits for, and under which deadline. */
    private record InFlight<I, R>(I input, Deadline deadline, Future<R> result) {
    }

    /**
     * Applies {@code job} to every input, in parallel, and passes each result to {@code inOrder} in the
     * order of {@code inputs}, on the calling thread. {@code job} must not throw: it turns failures into
     * results, and runs what the budget limits through the deadline it is given. An input whose job ran
     * past the budget and could not be stopped gets the result {@code stuck} makes of the timeout.
     */
    <I, R> void run(List<I> inputs, TimeBudget budget, BiFunction<I, Deadline, R> job,
                    BiFunction<I, RuleTimeout, R> stuck, Consumer<R> inOrder) {
        int size = Math.min(threads, Math.max(1, inputs.size()));
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "streamfix-batch");
                    thread.setDaemon(true); // a thread stuck in a rule does not keep the process alive
                    return thread;
                });
        try {
            ArrayDeque<InFlight<I, R>> inFlight = new ArrayDeque<>();
            int window = threads * WINDOW_PER_THREAD;
            for (I input : inputs) {
                if (inFlight.size() == window) {
                    inOrder.accept(next(inFlight, pool, stuck));
                }
                Deadline deadline = budget.deadline();
                inFlight.add(new InFlight<>(input, deadline, pool.submit(() -> job.apply(input, deadline))));
            }
            while (!inFlight.isEmpty()) {
                inOrder.accept(next(inFlight, pool, stuck));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <I, R> R next(ArrayDeque<InFlight<I, R>> inFlight, ThreadPoolExecutor pool,
                                 BiFunction<I, RuleTimeout, R> stuck) {
        InFlight<I, R> next = inFlight.removeFirst();
        try {
            return next.deadline().await(next.result());
        } catch (RuleTimeout timeout) {
            if (timeout.abandoned()) {
                // The stuck thread is lost to the batch: one more takes its place (maximum first, as the pool requires).
                pool.setMaximumPoolSize(pool.getMaximumPoolSize() + 1);
                pool.setCorePoolSize(pool.getCorePoolSize() + 1);
            }
            return stuck.apply(next.input(), timeout);
        }
    }
}
