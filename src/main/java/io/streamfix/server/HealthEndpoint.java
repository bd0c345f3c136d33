package io.streamfix.server;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.streamfix.Troubleshooter;

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
        Health health = rules.current()
                .map(Troubleshooter::knowledgeBase)
                .map(inForce -> new Health("ready", inForce.version(), inForce.loadedAt().toString()))
                .orElse(new Health("loading", null, null));
        Responses.json(ctx, health.loadedAt() != null ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, health);
    }

    /**
     * @param status       {@code ready} or {@code loading}
     * @param rulesVersion the version of the rules in force, or {@code null} while loading
     * @param loadedAt     when they were loaded, or {@code null} while loading
     */
    record Health(String status, String rulesVersion, String loadedAt) {
    }
}
