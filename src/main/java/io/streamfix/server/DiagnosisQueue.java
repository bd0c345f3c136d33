package io.streamfix.server;

import io.streamfix.engine.Deadline;
import io.streamfix.engine.RuleTimeout;
import io.streamfix.engine.TimeBudget;
import io.streamfix.model.Diagnosis;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the service's diagnoses one per core, in the order they arrive. Diagnosing is pure computation:
 * more at once only share the cores and each finishes later, so requests wait here in line while
 * Jetty's threads keep reading and writing. A worker that finishes one diagnosis takes the next at
 * once; first come, first served keeps the slowest requests close to the typical one under load.
 *
 * <pre>{@code
 * DiagnosisQueue queue = new DiagnosisQueue(Runtime.getRuntime().availableProcessors(),
 *         new TimeBudget(TimeBudget.DEFAULT), 256);
 * Diagnosis diagnosis = queue.run(() -> rules.diagnose(symptoms));
 * queue.close();
 * }</pre>
 *
 * <p>The line is bounded: when it is full, {@link Full} (503 with {@code Retry-After}) tells the caller
 * to come back, instead of every request waiting longer. Each diagnosis has a {@link TimeBudget}: the
 * request gets a {@link RuleTimeout} at the budget, and a worker still running then (a rule that never
 * returns: a Java thread cannot be stopped) is abandoned and replaced, so that as many workers as
 * there are cores keep taking requests. {@link #abandoned()} counts the abandoned ones still running.
 *
 * <p>On the 2-core development machine, with 64 connections, first come first served gave p99
 * latencies of about 20 ms where letting whichever thread came first take a free core gave about
 * 60 ms, for as many requests a second ({@code bench/serve-load.sh}).
 */
final class DiagnosisQueue implements AutoCloseable {
    /** The default length of the line: a few hundred milliseconds of work on two cores. */
    static final int DEFAULT_CAPACITY = 256;
    /** More abandoned threads than this are not replaced: they would take every core anyway. */
    static final int MAX_REPLACED = 64;

    /** The line is full: answered 503 with {@code Retry-After}. */
    static final class Full extends RuntimeException {
        Full(int capacity) {
            super("the service is busy: " + capacity + " diagnoses are waiting already; try again in a second");
        }
    }

    private final int cores;
    private final int capacity;
    private final TimeBudget budget;
    private final ThreadPoolExecutor workers;
    private final AtomicInteger abandoned = new AtomicInteger();

    DiagnosisQueue(int cores) {
        this(cores, new TimeBudget(TimeBudget.DEFAULT), DEFAULT_CAPACITY);
    }

    DiagnosisQueue(int cores, TimeBudget budget, int capacity) {
        this.cores = cores;
        this.capacity = capacity;
        this.budget = budget;
        AtomicInteger count = new AtomicInteger();
        workers = new ThreadPoolExecutor(cores, cores, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(capacity), work -> {
            Thread thread = new Thread(work, "streamfix-diagnosis-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        workers.allowCoreThreadTimeOut(true); // an idle service keeps no threads
    }

    /**
     * Runs a diagnosis when its turn comes and waits for it, at most the time budget from when it
     * starts; what it throws is thrown here.
     *
     * @throws Full                  when the line is full
     * @throws RuleTimeout           when the diagnosis runs past its budget
     * @throws IllegalStateException when the queue is closed, or the waiting thread is interrupted
     */
    Diagnosis run(Supplier<Diagnosis> diagnosis) {
        Deadline deadline = budget.deadline();
        Future<Diagnosis> running;
        try {
            running = workers.submit(() -> {
                try {
                    return deadline.run(diagnosis);
                } finally {
                    if (deadline.abandoned()) {
                        resize(abandoned.decrementAndGet()); // it did return in the end
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            if (workers.isShutdown()) {
                throw new IllegalStateException("the service is stopping", e);
            }
            throw new Full(capacity);
        }
        try {
            return deadline.await(running);
        } catch (RuleTimeout timeout) {
            if (timeout.abandoned()) {
                resize(abandoned.incrementAndGet());
            }
            throw timeout;
        }
    }

    /** As many live workers as cores: one more thread per abandoned one, up to {@link #MAX_REPLACED}. */
    private synchronized void resize(int stuck) {
        int size = cores + Math.max(0, Math.min(stuck, MAX_REPLACED));
        if (size > workers.getMaximumPoolSize()) {
            workers.setMaximumPoolSize(size);
            workers.setCorePoolSize(size);
        } else {
            workers.setCorePoolSize(size);
            workers.setMaximumPoolSize(size);
        }
    }

    /** How many diagnoses wait for a core now. */
    int waiting() {
        return workers.getQueue().size();
    }

    /** How many workers were abandoned past their time budget and are still running. */
    int abandoned() {
        return abandoned.get();
    }

    /** The time budget of each diagnosis. */
    TimeBudget budget() {
        return budget;
    }

    /** Finishes the diagnoses already queued and takes no more. */
    @Override
    public void close() {
        workers.shutdown();
    }
}
