package io.streamfix.server;

import io.streamfix.engine.TimeBudget;

import java.time.Duration;

/**
 * What the service grants each request and client, beyond the input limits of a symptom document: a
 * diagnosis's time budget, how many diagnoses may wait in line (503 with {@code Retry-After} past it),
 * and the limits against slow clients that would otherwise hold Jetty's threads.
 *
 * <pre>{@code
 * StreamfixServer.start(rules, ServiceOptions.loopback(8403).withLimits(ServiceLimits.DEFAULT.withTimeBudget(budget)));
 * }</pre>
 *
 * @param timeBudget     the longest one diagnosis may run (default 10 s; then 503, see {@link TimeBudget})
 * @param queueCapacity  how many diagnoses may wait for a core (default 256)
 * @param idleTimeout    a connection that sends or reads nothing for this long is closed (default 30 s)
 * @param headerTimeout  a request whose line and headers have not all come by then gets 408 (default 10 s)
 * @param bodyTimeout    a request body not fully read by then gets 408, however it trickles (default 10 s)
 * @param minBodyRate    bytes a second a request body must average once its first second is over
 *                       (default 1024; a slower one gets 408 and its connection is closed)
 */
public record ServiceLimits(TimeBudget timeBudget, int queueCapacity, Duration idleTimeout,
                            Duration headerTimeout, Duration bodyTimeout, long minBodyRate) {
    /** The defaults, documented in the README and in {@code streamfix serve --help}. */
    public static final ServiceLimits DEFAULT = new ServiceLimits(new TimeBudget(TimeBudget.DEFAULT),
            DiagnosisQueue.DEFAULT_CAPACITY, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(10), 1024);

    public ServiceLimits {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("the queue must hold at least one diagnosis, not " + queueCapacity);
        }
    }

    public ServiceLimits withTimeBudget(TimeBudget budget) {
        return new ServiceLimits(budget, queueCapacity, idleTimeout, headerTimeout, bodyTimeout, minBodyRate);
    }

    public ServiceLimits withQueueCapacity(int capacity) {
        return new ServiceLimits(timeBudget, capacity, idleTimeout, headerTimeout, bodyTimeout, minBodyRate);
    }
}
