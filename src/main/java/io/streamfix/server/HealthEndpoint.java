package io.streamfix.server;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * {@code GET /health}: 200 {@code {"status": "ready"}} once the rules are loaded, 503
 * {@code {"status": "loading"}} before. A failed reload does not make the service unready: it keeps
 * answering with the last good rules.
 */
final class HealthEndpoint {
    private final LiveRules rules;

    HealthEndpoint(LiveRules rules) {
        this.rules = rules;
    }

    void show(Context ctx) {
        boolean ready = rules.current().isPresent();
        Responses.json(ctx, ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE,
                new Health(ready ? "ready" : "loading", rules.loadedAt() == null ? null : rules.loadedAt().toString()));
    }

    /**
     * @param status   {@code ready} or {@code loading}
     * @param loadedAt when the rules in use were loaded, or {@code null} while loading
     */
    record Health(String status, String loadedAt) {
    }
}
