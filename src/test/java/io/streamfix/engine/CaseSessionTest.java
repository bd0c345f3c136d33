package io.streamfix.engine;

import io.streamfix.GeneratedCases;
import io.streamfix.ProjectRules;
import io.streamfix.input.SymptomDocument;
import io.streamfix.input.SymptomFact;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Question;
import io.streamfix.model.Symptoms;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A case kept open for its variants must diagnose each variant exactly as a fresh run does, and must
 * notice the rules it cannot follow (then the questions come from fresh runs).
 */
class CaseSessionTest {
    private static final KnowledgeBase RULES = KnowledgeBase.load(ProjectRules.FOLDER);

    @Provide
    Arbitrary<Map<String, Object>> cases() {
        return GeneratedCases.documents(List.copyOf(RULES.knowledge().fixes().keySet()));
    }

    /** One variant per askable fact and answer (known facts changed too), and one per tried fix left out. */
    private static List<Symptoms> variants(KnowledgeBase rules, Map<String, Object> document) {
        List<Symptoms> variants = new ArrayList<>();
        for (SymptomFact fact : SymptomFact.ALL) {
            for (String answer : fact.answers()) {
                variants.add(read(rules, SymptomDocument.withAnswer(document, fact.path(), answer)));
            }
            variants.add(read(rules, SymptomDocument.without(document, fact.path())));
        }
        List<?> tried = document.get("tried") instanceof List<?> list ? list : List.of();
        for (int i = 0; i < tried.size(); i++) {
            variants.add(read(rules, SymptomDocument.withoutTried(document, i)));
        }
        return variants;
    }

    private static Symptoms read(KnowledgeBase rules, Map<String, Object> document) {
        return rules.reader().fromMap("<variant>", document).symptoms();
    }

    /** A variant's diagnosis does not list the rules that fired (only those the change touched fire). */
    private static Diagnosis withoutRulesFired(Diagnosis diagnosis) {
        return new Diagnosis(diagnosis.errorCode(), diagnosis.status(), diagnosis.resolvedBy(), diagnosis.causes(),
                diagnosis.nextFix(), diagnosis.plan(), diagnosis.expectedMinutes(), diagnosis.escalation(), List.of(),
                diagnosis.questions());
    }

    @Property(tries = 150)
    void everyVariantIsDiagnosedAsAFreshRunWould(@ForAll("cases") Map<String, Object> document) {
        Symptoms symptoms = read(RULES, document);
        Inference inference = RULES.inference();
        try (CaseSession open = inference.open(symptoms)) {
            assertThat(open.diagnosis()).isEqualTo(inference.run(symptoms));
            List<Symptoms> variants = variants(RULES, document);
            List<Diagnosis> fresh = variants.stream().map(inference::run).toList();
            // First the outcomes alone, as the questions read them (an unchanged one is not read again) ...
            for (int i = 0; i < variants.size(); i++) {
                assertThat(open.outcomeIf(variants.get(i))).as("outcome of variant %s", variants.get(i))
                        .isEqualTo(Outcome.of(fresh.get(i)));
            }
            // ... then the whole state, read as a diagnosis.
            for (int i = 0; i < variants.size(); i++) {
                assertThat(open.assuming(variants.get(i))).as("variant %s", variants.get(i))
                        .isEqualTo(withoutRulesFired(fresh.get(i)));
            }
            assertThat(open.sound()).as("the project's rules are followed in one session").isTrue();
        }
    }

    @Test
    void theQuestionsAreThoseThatFreshRunsRank() {
        QuestionRanker ranker = new QuestionRanker(RULES.questionTexts(), RULES.knowledge(), RULES.reader());
        for (Symptoms symptoms : List.of(read(RULES, Map.of()),
                read(RULES, Map.of("network", Map.of("vpn_active", false), "device", Map.of("type", "mobile"))))) {
            assertThat(RULES.diagnoseWithQuestions(symptoms).questions())
                    .isNotEmpty()
                    .isEqualTo(freshRanking(RULES, ranker, symptoms));
        }
    }

    @Test
    void aPlainInsertIsNoticedAndTheQuestionsStayRight(@TempDir Path dir) throws IOException {
        Path folder = ProjectRules.copyInto(dir.resolve("rules"));
        Path evidence = folder.resolve("evidence.drl");
        String drl = Files.readString(evidence);
        // The VPN rule derives its evidence with a plain insert: it stays when the VPN is off again.
        String logical = "likelihoods.insertEvidence(drools, \"A VPN app is on, and Netflix blocks connections from masked IP addresses.\");";
        assertThat(drl).contains(logical);
        Files.writeString(evidence, drl.replace(logical,
                "insert(likelihoods.evidence(drools, \"vpn_or_proxy\", \"A VPN app is on.\"));"));
        KnowledgeBase rules = KnowledgeBase.load(folder);
        Symptoms symptoms = read(rules, Map.of("device", Map.of("type", "mobile")));

        try (CaseSession open = rules.inference().open(symptoms)) {
            open.assuming(read(rules, Map.of("device", Map.of("type", "mobile"), "network", Map.of("vpn_active", true))));
            assertThat(open.sound()).isFalse();
        }
        QuestionRanker ranker = new QuestionRanker(rules.questionTexts(), rules.knowledge(), rules.reader());
        assertThat(rules.diagnoseWithQuestions(symptoms).questions())
                .isEqualTo(freshRanking(rules, ranker, symptoms));
    }

    @Test
    void aPhaseThatReadsALaterPhaseIsNoticed(@TempDir Path dir) throws IOException {
        Path folder = ProjectRules.copyInto(dir.resolve("rules"));
        // In a fresh run the evidence phase is over before the plan exists, so this rule never fires.
        Files.writeString(folder.resolve("backwards.drl"), """
                package streamfix;
                import io.streamfix.model.*;
                // For this test: evidence drawn from the plan, which a fresh run never sees.
                rule "Evidence from the plan"
                    ruleflow-group "evidence"
                when
                    PlanStep( fix == "restart_network" )
                then
                    insertLogical(new Evidence("network_block", 0.2, "planned", drools.getRule().getName()));
                end
                """);
        KnowledgeBase rules = KnowledgeBase.load(folder);
        Symptoms symptoms = read(rules, Map.of());

        try (CaseSession open = rules.inference().open(symptoms)) {
            assertThat(open.sound()).isFalse();
        }
        Diagnosis fresh = rules.diagnose(symptoms);
        assertThat(fresh.causes()).noneMatch(cause -> cause.evidence().stream()
                .anyMatch(e -> e.rule().equals("Evidence from the plan")));
        assertThat(withoutQuestions(rules.diagnoseWithQuestions(symptoms))).isEqualTo(fresh);
    }

    @Test
    void aRuleThatLoopsOnlyForSomeAnswerIsReportedWithTheRulesThatFired(@TempDir Path dir) throws IOException {
        Path folder = ProjectRules.copyInto(dir.resolve("rules"));
        Files.writeString(folder.resolve("loop.drl"), """
                package streamfix;
                import io.streamfix.model.*;
                // For this test: a rule that re-triggers itself once a proxy is known to be on.
                rule "Loops on a proxy"
                    ruleflow-group "evidence"
                when
                    $network : Network( proxyActive == true )
                then
                    update($network);
                end
                """);
        KnowledgeBase rules = KnowledgeBase.load(folder);
        Symptoms symptoms = read(rules, Map.of());
        assertThat(rules.diagnose(symptoms).status()).isNotNull(); // the case itself does not loop

        assertThatThrownBy(() -> rules.diagnoseWithQuestions(symptoms))
                .isInstanceOf(RuleFault.class)
                .hasMessageContaining("rules that fired: ")
                .hasMessageContaining("Loops on a proxy");
    }

    /** The questions as fresh runs of every variant rank them. */
    private static List<Question> freshRanking(KnowledgeBase rules, QuestionRanker ranker, Symptoms symptoms) {
        Inference inference = rules.inference();
        return ranker.rank(symptoms, Outcome.of(inference.run(symptoms)), variant -> Outcome.of(inference.run(variant)));
    }

    private static Diagnosis withoutQuestions(Diagnosis diagnosis) {
        return diagnosis.withQuestions(null);
    }
}
