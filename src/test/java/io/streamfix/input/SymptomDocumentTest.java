package io.streamfix.input;

import io.streamfix.Troubleshooter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamfix.model.FixResult;
import io.streamfix.model.Symptoms;
import io.streamfix.model.TriedFix;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Symptoms written back as a document (map or YAML) read back to the same symptoms. */
class SymptomDocumentTest {
    @Test
    void everyExampleSurvivesTheRoundTripAsMapAndAsYaml() throws IOException {
        SymptomsReader reader = Troubleshooter.load(Path.of("rules")).reader();
        try (Stream<Path> files = Files.list(Path.of("facts"))) {
            for (Path file : files.sorted().toList()) {
                Symptoms symptoms = reader.read(file).symptoms();
                assertThat(reader.fromMap("<map>", SymptomDocument.toMap(symptoms)).symptoms()).as(file.toString()).isEqualTo(symptoms);
                assertThat(reader.read("<yaml>", SymptomDocument.toYaml(symptoms)).symptoms()).as(file.toString()).isEqualTo(symptoms);
            }
        }
    }

    @Test
    void minutesOfTriedFixesAreWrittenAsNumbersAndReadBack() {
        SymptomsReader reader = Troubleshooter.load(Path.of("rules")).reader();
        Symptoms symptoms = new Symptoms(null, null, null, null, List.of(
                new TriedFix("restart_network", FixResult.FAILED, 6.0),
                new TriedFix("change_dns", FixResult.FAILED, 2.5),
                new TriedFix("disable_vpn_proxy", FixResult.HELPED)));

        String yaml = SymptomDocument.toYaml(symptoms);

        assertThat(yaml).contains("minutes: 6\n").contains("minutes: 2.5\n");
        assertThat(reader.read("<yaml>", yaml).symptoms()).isEqualTo(symptoms);
        assertThat(reader.fromMap("<map>", SymptomDocument.toMap(symptoms)).symptoms()).isEqualTo(symptoms);
    }

    @Test
    void theJsonOfADocumentCarriesMinutesAndReadsBack() throws IOException {
        SymptomsReader reader = Troubleshooter.load(Path.of("rules")).reader();
        Symptoms symptoms = new Symptoms(null, null, null, null,
                List.of(new TriedFix("restart_network", FixResult.FAILED, 6.0)));
        ObjectMapper json = new ObjectMapper();

        String text = json.writeValueAsString(SymptomDocument.toMap(symptoms));

        assertThat(text).contains("{\"fix\":\"restart_network\",\"result\":\"failed\",\"minutes\":6}");
        @SuppressWarnings("unchecked")
        Map<String, Object> back = json.readValue(text, Map.class);
        assertThat(reader.fromMap("<json>", back).symptoms()).isEqualTo(symptoms);
    }

    @Test
    void anAnswerSetsTheFactAndWithoutMakesItUnknownAgain() {
        var document = SymptomDocument.toMap(new Symptoms(null, null, null, null, null));
        var withVpn = SymptomDocument.withAnswer(document, "network.vpn_active", "yes");

        assertThat(SymptomDocument.answerOf(withVpn, "network.vpn_active")).isEqualTo("yes");
        assertThat(SymptomDocument.isKnown(document, "network.vpn_active")).isFalse();
        assertThat(SymptomDocument.without(withVpn, "network.vpn_active")).isEqualTo(document);
    }
}
