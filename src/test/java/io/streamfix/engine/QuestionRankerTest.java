package io.streamfix.engine;

import io.streamfix.ProjectRules;
import io.streamfix.input.SymptomDocument;
import io.streamfix.input.SymptomsReader;
import io.streamfix.model.Diagnosis;
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

    private static List<String> facts(Diagnosis diagnosis) {
        return diagnosis.questions().stream().map(Question::fact).toList();
    }

    @Test
    void aQuestionIsAskedOnlyWhenItSavesMinutesAndTheOneThatSavesMostComesFirst() throws IOException {
        int asked = 0;
        try (Stream<Path> files = Files.list(Path.of("facts"))) {
            for (Path file : files.sorted().toList()) {
                Symptoms symptoms = reader.read(file).symptoms();
                Diagnosis current = rules.diagnoseWithQuestions(symptoms);
                List<Question> questions = current.questions().stream().filter(q -> !q.fact().equals("device.type")
                        || q.minutesSaved() > 0).toList();
                assertThat(questions).as(file.toString()).extracting(Question::minutesSaved)
                        .allMatch(saved -> saved > 0 && saved < current.expectedMinutes())
                        .isSortedAccordingTo(java.util.Comparator.reverseOrder());
                Map<String, Object> document = SymptomDocument.toMap(symptoms);
                for (Question question : questions) {
                    asked++;
                    assertThat(SymptomDocument.isKnown(document, question.fact())).as(file + ": known facts are not asked").isFalse();
                    // Some answer must change the expected minutes: otherwise asking only costs.
                    assertThat(question.answers()).as(file + " " + question.fact())
                            .anyMatch(a -> Math.abs(answered(rules, symptoms, question.fact(), a).expectedMinutes()
                                    - current.expectedMinutes()) > 1e-6);
                    assertThat(question.why()).contains("Asking saves about").contains(" min");
                }
            }
        }
        assertThat(asked).as("questions asked across the examples").isPositive();
    }

    @Test
    void aVpnThatIsOnLeadsStraightToTurningItOff() {
        Symptoms vpn = reader.fromMap("<test>", Map.of("network", Map.of("vpn_active", true))).symptoms();
        Diagnosis diagnosis = rules.diagnoseWithQuestions(vpn);

        assertThat(diagnosis.nextFix().id()).isEqualTo("disable_vpn_proxy");
        assertThat(diagnosis.questions()).as("nothing is worth asking before a 3-minute fix that likely works").isEmpty();
    }

    @Test
    void theDeviceTypeIsAskedWhenTheNextFixsStepsDifferByDevice() {
        Map<String, Object> oneDevice = Map.of("observations", Map.of("other_devices_affected", false),
                "network", Map.of("vpn_active", false, "proxy_active", false, "smart_dns_active", false, "router_vpn", false));
        Diagnosis unknownType = rules.diagnoseWithQuestions(reader.fromMap("<test>", oneDevice).symptoms());
        Map<String, Object> withType = new java.util.HashMap<>(oneDevice);
        withType.put("device", Map.of("type", "browser"));
        Diagnosis knownType = rules.diagnoseWithQuestions(reader.fromMap("<test>", withType).symptoms());

        assertThat(unknownType.nextFix().id()).isEqualTo("clear_app_data");
        assertThat(facts(unknownType)).last().isEqualTo("device.type");
        assertThat(facts(knownType)).doesNotContain("device.type");
        assertThat(knownType.nextFix().steps()).contains("Clear cookies and cached files.");
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

                // Test only: a hypothetical finding that a DNS set by hand goes with outdated Netflix apps.
                rule "A DNS set by hand goes with an outdated Netflix app"
                    ruleflow-group "evidence"
                when
                    Network( dns == DnsMode.MANUAL )
                then
                    insertLogical(new Evidence("outdated_software", 20.0, "Consoles lag behind.", drools.getRule().getName()));
                end
                """);
        List<Question> after = KnowledgeBase.load(dir).diagnoseWithQuestions(nothing()).questions();

        assertThat(before).doesNotContain("network.dns");
        assertThat(after).filteredOn(q -> q.fact().equals("network.dns")).singleElement()
                .satisfies(q -> assertThat(q.minutesSaved()).isPositive());
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
