package io.streamfix.server;

import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.streamfix.Troubleshooter;
import io.streamfix.engine.KnowledgeBase;

/** Requests that need the rules get them, or a 503 while the service is still loading them. */
final class Readiness {
    private Readiness() {
    }

    /**
     * The rules in force now: one snapshot for the whole request, so that its reading and its diagnosis
     * use the same rules even while a reload swaps in new ones.
     */
    static KnowledgeBase require(LiveRules rules) {
        return rules.current().map(Troubleshooter::knowledgeBase).orElseThrow(() -> new HttpResponseException(HttpStatus.SERVICE_UNAVAILABLE.getCode(),
                "the rules are still loading: try again in a few seconds (GET /health says when they are ready)"));
    }
}
