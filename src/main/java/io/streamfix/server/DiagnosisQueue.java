package io.streamfix.server;

import io.streamfix.model.Diagnosis;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
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
 * DiagnosisQueue queue = new DiagnosisQueue(Runtime.getRuntime().availableProcessors());
 * Diagnosis diagnosis = queue.run(() -> rules.diagnose(symptoms));
 * queue.close();
 * }</pre>
 *
 * <p>On the 2-core development machine, with 64 connections, this gave p99 latencies of about 20 ms
 * where letting whichever thread came first take a free core gave about 60 ms, for as many requests a
 * second ({@code bench/serve-load.sh}).
 */
final class DiagnosisQueue implements AutoCloseable {
    private final ThreadPoolExecutor workers;

    DiagnosisQueue(int cores) {
        AtomicInteger count = new AtomicInteger();
        workers = new ThreadPoolExecutor(cores, cores, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), work -> {
            Thread thread = new Thread(work, "streamfix-diagnosis-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        workers.allowCoreThreadTimeOut(true); // an idle service keeps no threads
    }

    /**
     * Runs a diagnosis when its turn comes and waits for it; what it throws is thrown here.
     *
     * @throws IllegalStateException when the queue is closed, or the waiting thread is interrupted
     */
    Diagnosis run(Supplier<Diagnosis> diagnosis) {
        try {
            return workers.submit(diagnosis::get).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException thrown) {
                throw thrown;
            }
            throw new IllegalStateException("a diagnosis failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a diagnosis", e);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the service is stopping", e);
        }
    }

    /** How many diagnoses wait for a core now. */
    int waiting() {
        return workers.getQueue().size();
    }

    /** Finishes the diagnoses already queued and takes no more. */
    @Override
    public void close() {
        workers.shutdown();
    }
}
