package io.streamfix.server;

import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.streamfix.Troubleshooter;

/** Requests that need the rules get them, or a 503 while the service is still loading them. */
final class Readiness {
    private Readiness() {
    }

    static Troubleshooter require(LiveRules rules) {
        return rules.current().orElseThrow(() -> new HttpResponseException(HttpStatus.SERVICE_UNAVAILABLE.getCode(),
                "the rules are still loading: try again in a few seconds (GET /health says when they are ready)"));
    }
}
