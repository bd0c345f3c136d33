package io.streamfix.server;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.streamfix.Troubleshooter;
import io.streamfix.engine.KnowledgeBase;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /health}: 200 {@code {"status": "ready"}} once the rules are loaded, 503
 * {@code {"status": "loading"}} before. A failed reload does not make the service unready: it keeps
 * answering with the last good rules. 200 {@code "degraded"} with the {@code reasons} while the rules in
 * force hold a rule that ran past the time budget (diagnoses reaching it get 503); ready again once the
 * fixed rules are loaded. {@code abandoned_workers} counts the diagnosis threads left running past their
 * budget: a Java thread cannot be stopped, so they run on (using a core each) until the service restarts.
 */
final class HealthEndpoint {
    private final LiveRules rules;
    private final DiagnosisQueue queue;

    HealthEndpoint(LiveRules rules, DiagnosisQueue queue) {
        this.rules = rules;
        this.queue = queue;
    }

    void show(Context ctx) {
        KnowledgeBase inForce = rules.current().map(Troubleshooter::knowledgeBase).orElse(null);
        int abandoned = queue.abandoned();
        if (inForce == null) {
            Responses.json(ctx, HttpStatus.SERVICE_UNAVAILABLE, new Health("loading", null, null, List.of(), abandoned));
            return;
        }
        List<String> reasons = new ArrayList<>();
        for (String rule : inForce.runawayRules()) {
            reasons.add(rule.isEmpty()
                    ? "diagnoses with the rules in force did not return within the time budget of "
                    + budget() + " in a when-part: every diagnosis gets 503 until the rules are fixed"
                    : "rule \"" + rule + "\" did not return within the time budget of " + budget()
                    + ": diagnoses that reach it get 503 until the rules are fixed");
        }
        if (abandoned > 0) {
            reasons.add(abandoned + " diagnosis thread" + (abandoned == 1 ? " was" : "s were")
                    + " abandoned past the time budget and still run" + (abandoned == 1 ? "s" : "")
                    + " (a Java thread cannot be stopped; restart the service to free the core"
                    + (abandoned == 1 ? ")" : "s)"));
        }
        String status = inForce.runawayRules().isEmpty() ? "ready" : "degraded";
        Responses.json(ctx, HttpStatus.OK, new Health(status, inForce.version(), inForce.loadedAt().toString(),
                reasons, abandoned));
    }

    private String budget() {
        return queue.budget().limit().toMillis() + " ms";
    }

    /**
     * @param status           {@code ready}, {@code degraded} or {@code loading}
     * @param rulesVersion     the version of the rules in force, or {@code null} while loading
     * @param loadedAt         when they were loaded, or {@code null} while loading
     * @param reasons          why the service is degraded, or what still weighs on it; empty when nothing does
     * @param abandonedWorkers diagnosis threads left running past their time budget
     */
    record Health(String status, String rulesVersion, String loadedAt, List<String> reasons, int abandonedWorkers) {
    }
}
