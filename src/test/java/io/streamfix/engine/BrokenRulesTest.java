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
                        + "\"corupted_cache\" — did you mean \"corrupted_cache\"?");
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
                .hasMessageContaining("rule \"Throws\" failed: text was used as a whole number")
                .hasMessageNotContaining("ClassCastException")
                .hasCauseInstanceOf(ClassCastException.class); // kept for --debug and the service's log
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

    // ---- Issue 16, item 5: every rule problem located, in plain words, with a "did you mean" ----------

    /** Loads a copy of the rules with one edit and returns the one problem it gives. */
    private RuleProblem problemAfter(String file, String before, String after) throws IOException {
        copyOfTheRules();
        Path path = folder.resolve(file);
        String text = Files.readString(path);
        assertThat(text).contains(before);
        Files.writeString(path, text.replaceFirst(java.util.regex.Pattern.quote(before), java.util.regex.Matcher.quoteReplacement(after)));
        try {
            KnowledgeBase.load(folder);
        } catch (RulesException e) {
            assertThat(e.problems()).hasSize(1);
            return e.problems().get(0);
        }
        throw new AssertionError("the edited rules loaded");
    }

    /** The 1-based line and column of the first {@code text} after {@code after} in a rules file. */
    private int[] placeOf(String file, String after, String text) throws IOException {
        String source = Files.readString(folder.resolve(file));
        int offset = source.indexOf(text, source.indexOf(after));
        int line = (int) source.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
        return new int[] {line, offset - source.lastIndexOf('\n', offset - 1)};
    }

    @Test
    void aMisspeltEnumConstantIsLocatedWithTheConstants() throws IOException {
        RuleProblem p = problemAfter("evidence.drl", "DnsMode.AUTOMATIC", "DnsMode.AUTOMATC");

        assertThat(p.message()).isEqualTo("DnsMode has no constant AUTOMATC — did you mean AUTOMATIC? (DnsMode is one of AUTOMATIC, MANUAL)");
        assertThat(new int[] {p.line(), p.column()}).containsExactly(placeOf("evidence.drl", "", "AUTOMATC"));
        assertThat(p.raw()).contains("unable to resolve method using strict-mode");
        assertThat(p.format()).doesNotContain(":-1", ":0:", "strict-mode");
    }

    @Test
    void aMissingClosingParenthesisPointsAtTheParenthesisNotAtThen() throws IOException {
        RuleProblem p = problemAfter("evidence.drl", "Network( vpnActive == true )", "Network( vpnActive == true");

        assertThat(p.message()).startsWith("this \"(\" is never closed: a \")\" is missing before 'then'")
                .contains("(in rule \"A VPN app masks the IP address\")").doesNotContain("ERR 102", "mismatched");
        assertThat(new int[] {p.line(), p.column()}).containsExactly(placeOf("evidence.drl", "A VPN app masks", "( vpnActive"));
    }

    @Test
    void aMisspeltTypeIsReportedOnItsOwnLine() throws IOException {
        RuleProblem p = problemAfter("evidence.drl", "insertLogical(new Evidence($cause,",
                "insertLogical(new Evidenc($cause,");

        assertThat(p.message()).startsWith("Evidenc is not a fact type — did you mean Evidence?");
        assertThat(new int[] {p.line(), p.column()}).containsExactly(placeOf("evidence.drl", "A fix that failed counts", "Evidenc("));
    }

    @Test
    void aMisspeltFieldGetsADidYouMean() throws IOException {
        RuleProblem p = problemAfter("evidence.drl", "Network( vpnActive == true )", "Network( vpnActiv == true )");

        assertThat(p.message()).startsWith("Network has no field vpnActiv — did you mean vpnActive? (its fields: vpnActive,");
        assertThat(new int[] {p.line(), p.column()}).containsExactly(placeOf("evidence.drl", "A VPN app masks", "vpnActiv "));
    }

    @Test
    void aMisspeltCauseIdGetsADidYouMean() throws IOException {
        RuleProblem p = problemAfter("evidence.drl", "    $fix : Fix( id == $id )\n",
                "    $fix : Fix( id == $id )\n    not Evidence( cause == \"corupted_cache\" )\n");

        assertThat(p.message()).startsWith("cause \"corupted_cache\" is not in knowledge.yaml — did you mean \"corrupted_cache\"?");
    }

    @Test
    void aMisspeltFixIdGetsADidYouMean() throws IOException {
        RuleProblem p = problemAfter("plan.drl", "    not TriedFix( fix == $id )\n",
                "    not TriedFix( fix == $id )\n    not NotApplicable( fix == \"try_other_netwrok\" )\n");

        assertThat(p.message()).startsWith("fix \"try_other_netwrok\" is not in knowledge.yaml — did you mean \"try_other_network\"?");
    }

    @Test
    void anIndentationSlipInTheDataSaysSoInsteadOfJacksonsWords() throws IOException {
        RuleProblem p = problemAfter("knowledge.yaml", "    order: 4\n    title:", "    order: 4\n     title:");

        assertThat(p.message()).startsWith("fixes.change_dns.order: expected a whole number, found \"4 title\"")
                .contains("indented deeper").doesNotContain("java.lang", "deserialize", "`");
        assertThat(p.line()).isPositive();
    }

    @Test
    void aProblemWithoutAPlaceLeavesTheZerosOut() {
        assertThat(RuleProblem.error("rules", 0, 0, "no .drl files").format()).isEqualTo("rules: no .drl files");
        assertThat(RuleProblem.error("rules/a.drl", 7, 0, "x").format()).isEqualTo("rules/a.drl:7: x");
    }
}
