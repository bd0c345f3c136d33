package io.streamfix.engine;

import io.streamfix.ProjectRules;
import io.streamfix.model.Symptoms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
    void aFixThatResolvesAnUnknownCauseIsRejectedWithASuggestion() throws IOException {
        copyOfTheRules();
        Path data = folder.resolve("knowledge.yaml");
        Files.writeString(data, Files.readString(data).replace("      corrupted_cache: 0.85 ", "      corupted_cache: 0.85 "));

        int line = lineStartingWith(data, "      corupted_cache: 0.85 ");

        assertThatThrownBy(() -> KnowledgeBase.load(folder))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining(data + ":" + line + ":7: fixes.clear_app_data.resolves.corupted_cache: unknown cause "
                        + "\"corupted_cache\" (did you mean \"corrupted_cache\"?)");
    }

    @Test
    void wrongNumbersInTheKnowledgeDataAreRejectedEachAtItsLine() throws IOException {
        copyOfTheRules();
        Path data = folder.resolve("knowledge.yaml");
        String text = Files.readString(data)
                .replace("    base_rate: 0.20 ", "    base_rate: 1.5 ")
                .replace("      dns_resolution: 0.85 ", "      dns_resolution: 85 ")
                .replace("    minutes: 15 ", "    minutes: 0 ")
                .replace("    resolves:\n      vpn_or_proxy: 0.95 ", "    addresses: [vpn_or_proxy]\n    resolves:\n      vpn_or_proxy: 0.95 ");
        Files.writeString(data, text);
        int baseRate = lineStartingWith(data, "    base_rate: 1.5 ");
        int resolves = lineStartingWith(data, "      dns_resolution: 85 ");
        int minutes = lineStartingWith(data, "    minutes: 0 ");

        assertThatThrownBy(() -> KnowledgeBase.load(folder))
                .isInstanceOfSatisfying(RulesException.class, e -> assertThat(e.problems()).extracting(RuleProblem::format)
                        .contains(data + ":" + baseRate + ":5: causes.vpn_or_proxy.base_rate: "
                                        + "expected a probability from 0 to 1, got 1.5",
                                data + ":" + resolves + ":7: fixes.change_dns.resolves."
                                        + "dns_resolution: expected a probability from 0 to 1, got 85.0",
                                data + ":" + minutes + ":5: fixes.update_software.minutes: "
                                        + "expected a number of minutes above 0, got 0.0")
                        .anyMatch(p -> p.contains("fixes.disable_vpn_proxy.addresses: `addresses` was replaced by `resolves`")));
    }

    private static int lineStartingWith(Path file, String start) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line starts with " + start);
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
