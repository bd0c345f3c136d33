package io.streamfix.cli;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one job per input on every core and hands the results over in input order, as soon as each is
 * next in line. Only a bounded window of inputs is in flight, so a batch of any size runs in little memory.
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

    /**
     * Applies {@code job} to every input, in parallel, and passes each result to {@code inOrder} in the
     * order of {@code inputs}, on the calling thread. {@code job} must not throw: it turns failures into results.
     */
    <I, R> void run(List<I> inputs, Function<I, R> job, Consumer<R> inOrder) {
        if (inputs.size() == 1 || threads == 1) {
            inputs.forEach(input -> inOrder.accept(job.apply(input)));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "streamfix-batch");
            thread.setDaemon(true);
            return thread;
        });
        try {
            ArrayDeque<Future<R>> inFlight = new ArrayDeque<>();
            int window = threads * WINDOW_PER_THREAD;
            for (I input : inputs) {
                if (inFlight.size() == window) {
                    inOrder.accept(next(inFlight));
                }
                inFlight.add(pool.submit(() -> job.apply(input)));
            }
            while (!inFlight.isEmpty()) {
                inOrder.accept(next(inFlight));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> R next(ArrayDeque<Future<R>> inFlight) {
        try {
            return inFlight.removeFirst().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while diagnosing a batch", e);
        } catch (ExecutionException e) {
            // A job turns every expected failure into a result, so this is a bug: let Main report it.
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
