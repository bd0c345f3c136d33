package io.streamfix.input;

import io.streamfix.Troubleshooter;
import io.streamfix.model.Symptoms;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void anAnswerSetsTheFactAndWithoutMakesItUnknownAgain() {
        var document = SymptomDocument.toMap(new Symptoms(null, null, null, null, null));
        var withVpn = SymptomDocument.withAnswer(document, "network.vpn_active", "yes");

        assertThat(SymptomDocument.answerOf(withVpn, "network.vpn_active")).isEqualTo("yes");
        assertThat(SymptomDocument.isKnown(document, "network.vpn_active")).isFalse();
        assertThat(SymptomDocument.without(withVpn, "network.vpn_active")).isEqualTo(document);
    }
}
