package io.streamfix.server;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.streamfix.Troubleshooter;
import io.streamfix.engine.Knowledge;
import io.streamfix.model.Fix;
import io.streamfix.model.KnownCause;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/knowledge}: what the loaded rules know (error codes, causes, fixes), which rules they
 * are and when they were loaded, and the newest reload failure, if the newest reload failed.
 */
final class KnowledgeEndpoint {
    private final LiveRules rules;

    KnowledgeEndpoint(LiveRules rules) {
        this.rules = rules;
    }

    void show(Context ctx) {
        Troubleshooter troubleshooter = Readiness.require(rules);
        Knowledge knowledge = troubleshooter.knowledgeBase().knowledge();
        Instant loadedAt = rules.loadedAt();
        Responses.json(ctx, HttpStatus.OK, new KnowledgeView(
                knowledge.errorCodes().stream().sorted().toList(),
                List.copyOf(knowledge.causes().values()),
                List.copyOf(knowledge.fixes().values()),
                troubleshooter.knowledgeBase().folder().toString(),
                loadedAt == null ? null : loadedAt.toString(),
                rules.lastFailure()));
    }

    /**
     * The body of {@code GET /v1/knowledge}.
     *
     * @param errorCodes       the error codes the rules diagnose
     * @param causes           the causes they can name
     * @param fixes            the fixes, in the article's order of simplicity
     * @param rulesFolder      the folder the rules come from
     * @param loadedAt         when the rules in use were loaded (ISO-8601, UTC)
     * @param lastReloadError  the newest reload failure, or {@code null} when the newest load succeeded
     */
    record KnowledgeView(List<String> errorCodes, List<KnownCause> causes, List<Fix> fixes, String rulesFolder,
                         String loadedAt, ReloadFailure lastReloadError) {
    }
}
