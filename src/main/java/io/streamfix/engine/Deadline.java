package io.streamfix.engine;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One diagnosis under a {@link TimeBudget}, seen from the thread that waits for it: the budget counts
 * from when the diagnosis starts (not while it waits in a queue), and the rule firing now is known, so
 * that a diagnosis past its budget can name it.
 *
 * <p>The running thread checks the budget before each rule fires: a slow or looping rule set stops
 * there by itself. A rule whose {@code then} part never returns cannot be stopped by anything in the
 * JVM; the waiting thread gives up on it at the budget ({@link #await}), the thread is abandoned, and
 * the rule is set aside in its rules ({@link KnowledgeBase#runawayRules()}), so that later diagnoses
 * that reach it fail at once instead of losing a thread each.
 *
 * <pre>{@code
 * Deadline deadline = budget.deadline();
 * Future<Diagnosis> running = executor.submit(() -> deadline.run(() -> rules.diagnose(symptoms)));
 * Diagnosis diagnosis = deadline.await(running);   // or RuleTimeout
 * }</pre>
 */
public final class Deadline {
    /** The deadline of the diagnosis running on this thread, read once per session. */
    static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

    /** How often a waiting thread looks whether a queued diagnosis has started. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Duration budget;
    private final long budgetNanos;
    private volatile long startedAt;
    private volatile boolean started;
    private volatile String firing;
    private volatile String lastFired;
    private volatile Inference rules;
    private boolean finished;
    private boolean abandoned;

    Deadline(Duration budget) {
        this.budget = budget;
        this.budgetNanos = budget.toNanos();
    }

    /** Runs {@code work} on this thread under this deadline; what the waiting thread's {@link #await} waits for. */
    public <T> T run(java.util.function.Supplier<T> work) {
        startedAt = System.nanoTime();
        started = true;
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            CURRENT.remove();
            finish();
        }
    }

    /**
     * Waits for the diagnosis {@link #run} runs, at most its budget from when it started.
     *
     * @throws RuleTimeout when it ran past the budget; {@link RuleTimeout#abandoned()} when it is still running
     */
    public <T> T await(Future<T> running) {
        while (true) {
            // Once the budgeted part has finished, what the work does after it is not limited.
            long wait = hasFinished() ? Long.MAX_VALUE : started ? budgetNanos - (System.nanoTime() - startedAt) : POLL_NANOS;
            try {
                return running.get(Math.max(wait, 1), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (started && System.nanoTime() - startedAt >= budgetNanos && abandon()) {
                    running.cancel(true); // interrupts a rule that sleeps or waits; a spinning one goes on
                    throw abandonedTimeout();
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException thrown) {
                    throw thrown;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("a diagnosis failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a diagnosis", e);
            }
        }
    }

    /** The budget this deadline gives. */
    public Duration budget() {
        return budget;
    }

    /** Whether the waiting thread gave up on this diagnosis while it was still running. */
    public synchronized boolean abandoned() {
        return abandoned;
    }

    /** @return whether the diagnosis was still running, and is now abandoned */
    private synchronized boolean abandon() {
        if (finished) {
            return false;
        }
        abandoned = true;
        return true;
    }

    private synchronized boolean hasFinished() {
        return finished;
    }

    private synchronized void finish() {
        finished = true;
    }

    /** A session of {@code inference} runs under this deadline. */
    void runsOn(Inference inference) {
        this.rules = inference;
    }

    /** Before a rule fires, on the running thread: past the budget the diagnosis stops here. */
    void firing(String rule) {
        firing = rule;
        if (System.nanoTime() - startedAt >= budgetNanos) {
            throw new RuleTimeout(rule, "the rules ran past the time budget of " + RuleTimeout.seconds(budget)
                    + " per diagnosis; the rule about to fire: \"" + rule + "\""
                    + (lastFired == null ? "" : ", the last that fired: \"" + lastFired + "\"")
                    + " (a slow or looping rule: see --time-budget)", false);
        }
    }

    /** After a rule fired. */
    void fired(String rule) {
        firing = null;
        lastFired = rule;
    }

    /** The diagnosis is past its budget and still running: name what it is stuck in, and set that rule aside. */
    private RuleTimeout abandonedTimeout() {
        String stuck = firing;
        Inference inference = rules;
        if (inference != null) {
            inference.setAside(stuck);
        }
        String where = stuck != null
                ? "the rule firing: \"" + stuck + "\" (its then-part did not return)"
                : "no rule was firing: a when-part condition did not return, or the machine is overloaded"
                        + (lastFired == null ? "" : " (the last rule that fired: \"" + lastFired + "\")");
        return new RuleTimeout(stuck, "the rules ran past the time budget of " + RuleTimeout.seconds(budget)
                + " per diagnosis; " + where + (stuck == null ? "" : "; diagnoses that reach it now fail at once "
                + "until the rules are fixed and reloaded"), true);
    }
}
