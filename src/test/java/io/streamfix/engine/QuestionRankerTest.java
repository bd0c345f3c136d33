package io.streamfix.engine;

import io.streamfix.ProjectRules;
import io.streamfix.input.SymptomDocument;
import io.streamfix.input.SymptomFact;
import io.streamfix.input.SymptomsReader;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.FixAdvice;
import io.streamfix.model.Question;
import io.streamfix.model.Symptoms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The questions, ranked by the real rules: every expectation is checked by diagnosing the answers. */
class QuestionRankerTest {
    private static KnowledgeBase rules;
    private static SymptomsReader reader;

    @BeforeAll
    static void load() {
        rules = KnowledgeBase.load(Path.of("rules"));
        reader = rules.reader();
    }

    private static Symptoms nothing() {
        return new Symptoms(null, null, null, null, null);
    }

    private static Diagnosis answered(KnowledgeBase kb, Symptoms symptoms, String fact, String answer) {
        return kb.diagnose(reader.fromMap("<test>",
                SymptomDocument.withAnswer(SymptomDocument.toMap(symptoms), fact, answer)).symptoms());
    }

    private static boolean changesNextFix(KnowledgeBase kb, Symptoms symptoms, Diagnosis current, Question question) {
        return question.answers().stream().map(a -> answered(kb, symptoms, question.fact(), a))
                .anyMatch(d -> d.status() != current.status()
                        || !Objects.equals(id(d.nextFix()), id(current.nextFix())));
    }

    private static String id(FixAdvice fix) {
        return fix == null ? null : fix.id();
    }

    private static List<String> facts(Diagnosis diagnosis) {
        return diagnosis.questions().stream().map(Question::fact).toList();
    }

    @Test
    void questionsThatCanChangeTheNextFixComeBeforeTheOthers() {
        Symptoms symptoms = nothing();
        Diagnosis diagnosis = rules.diagnoseWithQuestions(symptoms);

        List<Boolean> changes = diagnosis.questions().stream()
                .map(q -> changesNextFix(rules, symptoms, diagnosis, q)).toList();
        assertThat(changes).contains(true, false);
        assertThat(changes.indexOf(false)).isEqualTo(changes.lastIndexOf(true) + 1);
        assertThat(diagnosis.questions().get(0).text()).isNotBlank().doesNotStartWith("What is");
        assertThat(diagnosis.questions().get(0).why()).contains("would make it");
    }

    @Test
    void aQuestionWhoseAnswersChangeNothingIsNotAsked() throws IOException {
        int leftOut = 0;
        try (Stream<Path> files = Files.list(Path.of("facts"))) {
            for (Path file : files.sorted().toList()) {
                Symptoms symptoms = reader.read(file).symptoms();
                Diagnosis current = rules.diagnoseWithQuestions(symptoms);
                if (current.status() == io.streamfix.model.Status.RESOLVED) {
                    continue; // a closed case asks nothing, on purpose (see the next test)
                }
                Map<String, Object> document = SymptomDocument.toMap(symptoms);
                for (SymptomFact fact : SymptomFact.ALL) {
                    if (SymptomDocument.isKnown(document, fact.path())) {
                        assertThat(facts(current)).as(file + ": known facts are not asked").doesNotContain(fact.path());
                    } else if (!facts(current).contains(fact.path())) {
                        leftOut++;
                        for (String answer : fact.answers()) {
                            Diagnosis after = answered(rules, symptoms, fact.path(), answer);
                            assertThat(after.status()).as(file + " " + fact.path()).isEqualTo(current.status());
                            assertThat(after.plan().stream().map(FixAdvice::id).toList()).as(file + " " + fact.path())
                                    .isEqualTo(current.plan().stream().map(FixAdvice::id).toList());
                            assertThat(after.causes()).as(file + " " + fact.path()).isEqualTo(current.causes());
                        }
                    }
                }
            }
        }
        assertThat(leftOut).as("facts left unasked across the examples").isPositive();
    }

    @Test
    void aResolvedCaseAsksNothingAndAPlainDiagnosisHasNoQuestions() throws IOException {
        Symptoms resolved = reader.read(Path.of("facts/fix-helped.yaml")).symptoms();
        assertThat(rules.diagnoseWithQuestions(resolved).questions()).isEmpty();
        assertThat(rules.diagnose(nothing()).questions()).isNull();
    }

    @Test
    void aNewRuleThatUsesAFactChangesTheQuestionsWithoutJava(@TempDir Path dir) throws IOException {
        ProjectRules.copyInto(dir);
        List<String> before = facts(KnowledgeBase.load(dir).diagnoseWithQuestions(nothing()));

        Files.writeString(dir.resolve("consoles.drl"), """
                package streamfix;
                import io.streamfix.model.*;

                // Test only: a hypothetical finding that game consoles run outdated Netflix apps.
                rule "A game console runs an outdated Netflix app"
                    ruleflow-group "evidence"
                when
                    Device( type == DeviceType.GAME_CONSOLE )
                then
                    insertLogical(new Evidence("outdated_software", 0.95, "Consoles lag behind.", drools.getRule().getName()));
                end
                """);
        List<String> after = facts(KnowledgeBase.load(dir).diagnoseWithQuestions(nothing()));

        assertThat(before).doesNotContain("device.type");
        assertThat(after.get(0)).isEqualTo("device.type");
        assertThat(after.subList(1, after.size())).isEqualTo(before);
    }

    @Test
    void aQuestionFileThatNamesAnUnknownFactIsRejectedWithItsLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("questions.yaml");
        Files.writeString(file, "network.vpn_active:\n  text: A?\n  why: B.\nnetwork.vpn_actve:\n  text: C?\n  why: D.\n");

        RulesException e = org.junit.jupiter.api.Assertions.assertThrows(RulesException.class, () -> QuestionTexts.read(file));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("network.vpn_actve").contains("did you mean network.vpn_active?");
        });
    }
}
