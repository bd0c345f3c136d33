package io.streamfix.server;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.streamfix.engine.Knowledge;
import io.streamfix.engine.KnowledgeBase;
import io.streamfix.model.Fix;
import io.streamfix.model.KnownCause;

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
        KnowledgeBase inForce = Readiness.require(rules);
        Knowledge knowledge = inForce.knowledge();
        List<QuestionView> questions = inForce.questionTexts().byFact().entrySet().stream()
                .map(e -> new QuestionView(e.getKey(), e.getValue().text(), e.getValue().why()))
                .toList();
        Responses.json(ctx, HttpStatus.OK, new KnowledgeView(
                knowledge.errorCodes().stream().sorted().toList(),
                List.copyOf(knowledge.causes().values()),
                List.copyOf(knowledge.fixes().values()),
                questions,
                "full".equals(ctx.queryParam("paths")) ? inForce.folder().toAbsolutePath().toString()
                        : String.valueOf(inForce.folder().toAbsolutePath().normalize().getFileName()),
                inForce.version(),
                inForce.loadedAt().toString(),
                rules.lastFailure()));
    }

    /**
     * The body of {@code GET /v1/knowledge}.
     *
     * @param errorCodes       the error codes the rules diagnose
     * @param causes           the causes they can name
     * @param fixes            the fixes, in the article's order of simplicity
     * @param questions        how the rules ask about each fact ({@code questions.yaml}); which ones are
     *                         asked, and in which order, each diagnosis works out
     * @param rulesFolder      the folder the rules come from: its name, or its absolute path with
     *                         {@code ?paths=full} (a server's paths stay out of answers unless asked for)
     * @param rulesVersion     a hash of the folder's rule and data files: changes with every edit
     * @param loadedAt         when the rules in use were loaded (ISO-8601, UTC)
     * @param lastReloadError  the newest reload failure, or {@code null} when the newest load succeeded
     */
    record KnowledgeView(List<String> errorCodes, List<KnownCause> causes, List<Fix> fixes,
                         List<QuestionView> questions, String rulesFolder,
                         String rulesVersion, String loadedAt, ReloadFailure lastReloadError) {
    }

    /**
     * A question the rules can ask.
     *
     * @param fact the fact's path in a symptom document, e.g. {@code network.vpn_active}
     * @param text the question
     * @param why  why the answer matters
     */
    record QuestionView(String fact, String text, String why) {
    }
}
