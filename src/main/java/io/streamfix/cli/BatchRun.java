package io.streamfix.cli;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one job per input on all cores and hands the results back in input order, as soon as each is
 * next in line: output streams for thousands of files, memory stays bounded by a window of results.
 *
 * <pre>{@code
 * new BatchRun(Runtime.getRuntime().availableProcessors())
 *         .run(files, file -> Outcome.of(file, troubleshooter), outcome -> print(outcome));
 * }</pre>
 */
final class BatchRun {
    /** Results waiting per thread: enough to keep every core busy while one input is slow. */
    private static final int WINDOW_PER_THREAD = 64;

    private final int threads;

    BatchRun(int threads) {
        this.threads = Math.max(1, threads);
    }

    /**
     * @param job     runs on a worker thread, once per input (so put parsing, diagnosing and rendering here)
     * @param inOrder runs on the calling thread, once per input, in input order
     */
    <T> void run(List<Path> inputs, Function<Path, T> job, Consumer<T> inOrder) {
        if (threads == 1 || inputs.size() <= 1) {
            inputs.forEach(input -> inOrder.accept(job.apply(input)));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "streamfix-batch");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Deque<Future<T>> window = new ArrayDeque<>();
            Iterator<Path> next = inputs.iterator();
            while (next.hasNext() || !window.isEmpty()) {
                while (next.hasNext() && window.size() < threads * WINDOW_PER_THREAD) {
                    Path input = next.next();
                    window.add(pool.submit(() -> job.apply(input)));
                }
                inOrder.accept(join(window.removeFirst()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The job's result; what it threw is rethrown as is, so Main reports it as for a single file. */
    private static <T> T join(Future<T> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
