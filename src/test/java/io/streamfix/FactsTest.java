package io.streamfix;

import io.streamfix.model.Diagnosis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example in facts/ meets its expect: block, checked by the same code as {@code streamfix test}:
 * one list of expected outcomes, run by the build and by rule authors alike.
 */
class FactsTest {
    private static final List<Path> FACTS = ExampleCheck.files(List.of(Path.of("facts")));
    private static Troubleshooter troubleshooter;

    @BeforeAll
    static void load() {
        troubleshooter = Troubleshooter.load(Path.of("rules"));
    }

    @TestFactory
    Stream<DynamicTest> everyExampleMeetsItsExpectation() {
        return FACTS.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            ExampleCheck.Result result = ExampleCheck.run(troubleshooter, file);
            assertThat(result.outcome()).as(file + ": " + result.details()).isEqualTo(ExampleCheck.Outcome.PASSED);
        }));
    }

    @Test
    void thereAreEnoughExamplesAndEachStatesItsOutcome() {
        assertThat(FACTS).hasSizeGreaterThanOrEqualTo(12);
        for (Path file : FACTS) {
            var expectation = troubleshooter.read(file).expectation();
            assertThat(expectation).as(file + " has an expect: block").isNotNull();
            assertThat(expectation.status()).as(file + " expects a status").isNotNull();
            assertThat(expectation.nextFix()).as(file + " expects a next fix").isNotNull();
        }
    }

    @Test
    void theExamplesCoverEveryCauseAndEveryRuleGroup() {
        Set<String> causesOnTop = new HashSet<>();
        Set<String> rulesFired = new HashSet<>();
        for (Path file : FACTS) {
            Diagnosis diagnosis = troubleshooter.diagnose(troubleshooter.read(file).symptoms());
            diagnosis.causes().stream().limit(2).forEach(c -> causesOnTop.add(c.id()));
            rulesFired.addAll(diagnosis.rulesFired());
        }
        assertThat(causesOnTop).containsAll(troubleshooter.knowledgeBase().knowledge().causes().keySet());
        assertThat(rulesFired).contains("The causes' probabilities follow from their base rates and the evidence",
                "Every fix not yet tried is in the plan", "The plan minimises the expected minutes to resolution",
                "A fix that helped resolves the case", "When no fix is worth its time, escalate to Netflix support",
                "A VPN on the router is turned off on the router");
    }
}
