package io.streamfix.engine;

import io.streamfix.ProjectRules;
import io.streamfix.model.Symptoms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules folders that are wrong, in the ways a rule author gets them wrong. */
class BrokenRulesTest {
    @TempDir
    Path folder;

    private Path copyOfTheRules() throws IOException {
        ProjectRules.copyInto(folder);
        return folder;
    }

    @Test
    void aDrlSyntaxErrorNamesTheFileAndLine() throws IOException {
        copyOfTheRules();
        Files.writeString(folder.resolve("extra.drl"), """
                package streamfix;
                import io.streamfix.model.*;

                rule "Broken"
                    ruleflow-group "evidence"
                when
                    Network( vpnActive == )
                then
                end
                """);

        assertThatThrownBy(() -> KnowledgeBase.load(folder))
                .isInstanceOfSatisfying(RulesException.class, e -> assertThat(e.problems())
                        .allSatisfy(p -> assertThat(p.file()).endsWith("extra.drl"))
                        .anySatisfy(p -> assertThat(p.line()).isEqualTo(7)));
    }

    @Test
    void anUnknownFieldInAPatternIsReported() throws IOException {
        copyOfTheRules();
        Files.writeString(folder.resolve("extra.drl"), """
                package streamfix;
                import io.streamfix.model.*;

                rule "Unknown field"
                    ruleflow-group "evidence"
                when
                    Network( vpnOn == true )
                then
                end
                """);

        assertThatThrownBy(() -> KnowledgeBase.load(folder))
                .isInstanceOfSatisfying(RulesException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p.format()).contains("extra.drl:").contains("vpnOn")));
    }

    @Test
    void aFolderWithoutKnowledgeDataIsRejected() {
        assertThatThrownBy(() -> KnowledgeBase.load(folder))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining("knowledge.yaml");
    }

    @Test
    void aFixThatAddressesAnUnknownCauseIsRejected() throws IOException {
        copyOfTheRules();
        Path data = folder.resolve("knowledge.yaml");
        Files.writeString(data, Files.readString(data).replace("addresses: [corrupted_cache]", "addresses: [corupted_cache]"));

        int line = Files.readAllLines(data).indexOf("    addresses: [corupted_cache]") + 1;

        assertThatThrownBy(() -> KnowledgeBase.load(folder))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining(data + ":" + line + ":")
                .hasMessageContaining("fixes.clear_app_data.addresses[0]: unknown cause \"corupted_cache\"");
    }

    @Test
    void aRuleThatThrowsIsReportedByName() throws IOException {
        copyOfTheRules();
        Files.writeString(folder.resolve("extra.drl"), """
                package streamfix;
                import io.streamfix.model.*;

                rule "Throws"
                    ruleflow-group "evidence"
                when
                    Device()
                then
                    Object o = "text";
                    Integer i = (Integer) o;
                end
                """);
        KnowledgeBase rules = KnowledgeBase.load(folder);

        assertThatThrownBy(() -> rules.diagnose(new Symptoms(null, null, null, null, null)))
                .isInstanceOfSatisfying(RuleFault.class, e -> assertThat(e.rule()).isEqualTo("Throws"))
                .hasMessageContaining("rule \"Throws\" failed")
                .hasMessageContaining("ClassCastException");
    }

    @Test
    void anEndlessLoopIsStoppedByTheFiringLimit() throws IOException {
        copyOfTheRules();
        Files.writeString(folder.resolve("extra.drl"), """
                package streamfix;
                import io.streamfix.model.*;

                rule "Loops"
                    ruleflow-group "evidence"
                when
                    $d : Device()
                then
                    update($d);
                end
                """);
        KnowledgeBase rules = KnowledgeBase.load(folder);

        assertThatThrownBy(() -> rules.diagnose(new Symptoms(null, null, null, null, null)))
                .isInstanceOf(RuleFault.class)
                .hasMessageContaining("without settling")
                .hasMessageContaining("Loops");
    }
}
