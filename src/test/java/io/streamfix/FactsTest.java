package io.streamfix;

import io.streamfix.input.SymptomCase;
import io.streamfix.model.Diagnosis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every example in facts/ produces the outcome its expect: block states, through the real rules. */
class FactsTest {
    private static Troubleshooter troubleshooter;

    @BeforeAll
    static void load() {
        troubleshooter = Troubleshooter.load(Path.of("rules"));
    }

    private static List<Path> facts() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("facts"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void thereAreEnoughExamplesAndEachStatesItsOutcome() throws IOException {
        assertThat(facts()).hasSizeGreaterThanOrEqualTo(12);
        for (Path file : facts()) {
            SymptomCase example = troubleshooter.read(file);
            assertThat(example.expectation()).as(file + " has an expect: block").isNotNull();
            assertThat(example.expectation().status()).as(file + " expects a status").isNotNull();
            assertThat(example.expectation().nextFix()).as(file + " expects a next fix").isNotNull();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleMeetsItsExpectation() throws IOException {
        return facts().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            SymptomCase example = troubleshooter.read(file);
            Diagnosis diagnosis = troubleshooter.diagnose(example.symptoms());
            assertThat(example.expectation().mismatches(diagnosis)).as(file.toString()).isEmpty();
        }));
    }

    @Test
    void theExamplesCoverEveryCauseAndEveryRuleGroup() throws IOException {
        var causesOnTop = new java.util.HashSet<String>();
        var rulesFired = new java.util.HashSet<String>();
        for (Path file : facts()) {
            Diagnosis diagnosis = troubleshooter.diagnose(troubleshooter.read(file).symptoms());
            diagnosis.causes().stream().limit(2).forEach(c -> causesOnTop.add(c.id()));
            rulesFired.addAll(diagnosis.rulesFired());
        }
        assertThat(causesOnTop).containsAll(troubleshooter.knowledgeBase().knowledge().causes().keySet());
        assertThat(rulesFired).contains("A cause's confidence combines all its evidence",
                "Every fix not yet tried is in the plan", "A fix that helped resolves the case",
                "With nothing left to try, escalate to Netflix support", "A VPN on the router is turned off on the router");
    }
}
