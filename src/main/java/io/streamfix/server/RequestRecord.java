package io.streamfix.server;

import java.time.Instant;

/**
 * What the service records of one request, for the request log and the metrics. It holds no symptom
 * content unless the service was asked to log it.
 *
 * @param time         when the request arrived
 * @param requestId    the caller's {@code X-Request-Id} when it sent a usable one, else one made here;
 *                     echoed in the response's {@code X-Request-Id}
 * @param method       e.g. {@code POST}
 * @param route        the route that answered, e.g. {@code /v1/diagnose}, {@code /v1/cases/{id}}; {@code page}
 *                     for the agent page's files, {@code unmatched} when no route matched (404)
 * @param status       the HTTP status sent
 * @param durationNanos from arrival to the response written
 * @param rulesVersion the rules version in force, or {@code null} while they load
 * @param caseId       the case the request is about, or {@code null}
 * @param symptoms     the request body, only when the service logs symptoms ({@code serve --log-symptoms}), else {@code null}
 */
public record RequestRecord(Instant time, String requestId, String method, String route, int status,
                            long durationNanos, String rulesVersion, String caseId, String symptoms) {

    /** The duration in milliseconds, with microseconds. */
    public double durationMillis() {
        return Math.round(durationNanos / 1_000.0) / 1_000.0;
    }
}
