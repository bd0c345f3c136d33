package io.streamfix.engine;

import io.streamfix.ProjectRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code streamfix check} finds, on copies of the project's rules with one mistake each. */
class RulesCheckTest {
    @TempDir
    Path folder;

    private Path copyOfTheRules() throws IOException {
        ProjectRules.copyInto(folder);
        return folder;
    }

    private void edit(String file, String from, String to) throws IOException {
        Path path = folder.resolve(file);
        String text = Files.readString(path);
        assertThat(text).contains(from);
        Files.writeString(path, text.replace(from, to));
    }

    private int lineStartingWith(String file, String start) throws IOException {
        List<String> lines = Files.readAllLines(folder.resolve(file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line starts with " + start);
    }

    private int lineOf(String file, String text) throws IOException {
        return Files.readAllLines(folder.resolve(file)).indexOf(text) + 1;
    }

    @Test
    void theProjectsOwnRulesAreCleanEvenStrictly() {
        assertThat(RulesCheck.run(Path.of("rules"))).isEmpty();
    }

    @Test
    void aDrlSyntaxErrorHasItsFileLineAndColumn() throws IOException {
        copyOfTheRules();
        edit("plan.drl", "Network( routerVpn == true )", "Network( routerVpn == )");
        int line = lineOf("plan.drl", "    Network( routerVpn == )");

        List<RuleProblem> problems = RulesCheck.run(folder);

        assertThat(problems).filteredOn(p -> !p.warning()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(folder.resolve("plan.drl").toString());
            assertThat(p.line()).isEqualTo(line);
            assertThat(p.column()).isPositive();
        });
    }

    @Test
    void aFixARuleNamesThatTheDataLacksIsAnError() throws IOException {
        copyOfTheRules();
        edit("plan.drl", "new StepVariant(\"disable_vpn_proxy\"", "new StepVariant(\"disable_vpm_proxy\"");

        assertThat(RulesCheck.run(folder)).singleElement().satisfies(p -> {
            assertThat(p.format()).contains("plan.drl:").contains("fix \"disable_vpm_proxy\" is not in knowledge.yaml");
            assertThat(p.warning()).isFalse();
        });
    }

    @Test
    void aCauseARuleNamesThatTheDataLacksIsAnError() throws IOException {
        copyOfTheRules();
        edit("evidence.drl", "    Network( connection == ConnectionQuality.UNSTABLE )\n",
                "    Network( connection == ConnectionQuality.UNSTABLE )\n    not Evidence( cause == \"unstable_conection\" )\n");

        assertThat(RulesCheck.run(folder)).extracting(RuleProblem::message)
                .anyMatch(m -> m.startsWith("cause \"unstable_conection\" is not in knowledge.yaml — did you mean \"unstable_connection\"?"));
    }

    @Test
    void aCauseWithoutABaseRateIsAnErrorAtItsLineInTheData() throws IOException {
        copyOfTheRules();
        edit("knowledge.yaml", "causes:\n", "causes:\n  cosmic_rays:\n    title: Cosmic rays flip bits\n");

        assertThat(RulesCheck.run(folder)).filteredOn(p -> !p.warning()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("knowledge.yaml");
            assertThat(p.line()).isEqualTo(lineOf("knowledge.yaml", "  cosmic_rays:"));
            assertThat(p.message()).startsWith("causes.cosmic_rays: no base_rate");
        });
    }

    @Test
    void aLikelihoodRatioForAMisspeltRuleOrCauseIsAnErrorAtItsLineWithASuggestion() throws IOException {
        copyOfTheRules();
        edit("likelihoods.yaml", "A proxy masks the IP address:\n  vpn_or_proxy: 3.3 ", "A proxy masks the IP adress:\n  vpn_or_proxy: 3.3 ");
        edit("likelihoods.yaml", "  dns_resolution: 1.43         # CF 0.3: fix 4", "  dns_resolutoin: -1         # CF 0.3: fix 4");

        List<String> problems = RulesCheck.run(folder).stream().filter(p -> !p.warning()).map(RuleProblem::format).toList();

        Path file = folder.resolve("likelihoods.yaml");
        int dns = lineStartingWith("likelihoods.yaml", "  dns_resolutoin: -1 ");
        assertThat(problems).contains(
                file + ":" + dns + ":3: Automatic DNS leaves the provider's DNS in charge.dns_resolutoin: unknown cause "
                        + "\"dns_resolutoin\" — did you mean \"dns_resolution\"?; known causes: vpn_or_proxy, unstable_connection, "
                        + "corrupted_cache, dns_resolution, outdated_software, netflix_outage, network_block",
                file + ":" + dns + ":3: Automatic DNS leaves the provider's DNS in charge.dns_resolutoin: expected a likelihood "
                        + "ratio, a number >= 0 (1 = no effect, 0 rules the cause out), got -1");
        // Once the data reads, the misspelt rule name is found too.
        edit("likelihoods.yaml", "  dns_resolutoin: -1 ", "  dns_resolution: 1.43 ");
        assertThat(RulesCheck.run(folder)).filteredOn(p -> !p.warning()).extracting(RuleProblem::format).contains(
                file + ":" + lineOf("likelihoods.yaml", "A proxy masks the IP adress:") + ":1: A proxy masks the IP adress: "
                        + "no rule is named \"A proxy masks the IP adress\" — did you mean \"A proxy masks the IP address\"?: "
                        + "each key is the name of a rule of the .drl files");
    }

    @Test
    void aRuleWhoseCausesTheLikelihoodsFileDoesNotListIsAnErrorAtTheRule() throws IOException {
        copyOfTheRules();
        edit("likelihoods.yaml", "A Smart DNS service masks the route to Netflix:\n  vpn_or_proxy: 3.3 ",
                "Some other rule's entry, misplaced:\n  vpn_or_proxy: 3.3 ");

        assertThat(RulesCheck.run(folder)).filteredOn(p -> !p.warning())
                .filteredOn(p -> p.file().endsWith("evidence.drl")).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(lineOf("evidence.drl", "rule \"A Smart DNS service masks the route to Netflix\"") + 5);
                    assertThat(p.message()).startsWith("rule \"A Smart DNS service masks the route to Netflix\" gives evidence for "
                            + "the causes likelihoods.yaml lists under its name, but the file has no entry for it");
                });
    }

    @Test
    void evidenceForANamedCauseWithoutALikelihoodRatioIsAnErrorAtTheRule() throws IOException {
        copyOfTheRules();
        edit("evidence.drl", "likelihoods.insertEvidence(drools, \"A Smart DNS service is in use",
                "insertLogical(likelihoods.evidence(drools, \"vpn_or_proxy\", \"A Smart DNS service is in use");
        edit("evidence.drl", "Netflix may read as suspicious routing.\");", "Netflix may read as suspicious routing.\"));");
        edit("likelihoods.yaml", "A Smart DNS service masks the route to Netflix:\n  vpn_or_proxy: 3.3 ",
                "A Smart DNS service masks the route to Netflix:\n  dns_resolution: 3.3 ");

        List<RuleProblem> problems = RulesCheck.run(folder);

        assertThat(problems).filteredOn(p -> !p.warning()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("evidence.drl");
            assertThat(p.message()).startsWith("rule \"A Smart DNS service masks the route to Netflix\" gives evidence for "
                    + "\"vpn_or_proxy\" but likelihoods.yaml has no likelihood ratio for it");
        });
        assertThat(problems).filteredOn(RuleProblem::warning).singleElement().satisfies(p ->
                assertThat(p.message()).contains("gives no evidence for \"dns_resolution\"").contains("never used"));
    }

    @Test
    void aRuleNameUsedTwiceAndARuleOutsideTheGroupsAreErrors() throws IOException {
        copyOfTheRules();
        Files.writeString(folder.resolve("extra.drl"), """
                package streamfix.extra;
                import io.streamfix.model.*;

                // Copied by mistake.
                rule "A VPN app masks the IP address"
                    ruleflow-group "evidence"
                when
                    Network( vpnActive == true )
                then
                end

                // Forgot the group.
                rule "Lost"
                when
                    Network( )
                then
                end
                """);

        assertThat(RulesCheck.run(folder)).extracting(RuleProblem::format).containsExactly(
                folder.resolve("extra.drl") + ":5:7: rule \"A VPN app masks the IP address\" is defined twice (first at "
                        + folder.resolve("evidence.drl") + ":" + lineOf("evidence.drl", "rule \"A VPN app masks the IP address\"")
                        + "); rule names must be unique",
                folder.resolve("extra.drl") + ":13:7: rule \"Lost\" has no ruleflow-group; it would run outside the "
                        + "phases (one of evidence, causes, plan, decision, escalation)");
    }

    @Test
    void aFixWithoutStepsAndARuleWithoutASourceAreWarnings() throws IOException {
        copyOfTheRules();
        edit("knowledge.yaml", "fixes:\n", "fixes:\n  pray:\n    order: 11\n    title: Pray\n    why: Hope.\n"
                + "    minutes: 1\n    resolves: {netflix_outage: 0.01}\n");
        Files.writeString(folder.resolve("extra.drl"), """
                package streamfix;
                import io.streamfix.model.*;

                rule "Unsourced"
                    ruleflow-group "evidence"
                when
                    Network( vpnActive == true )
                then
                end
                """);

        List<RuleProblem> problems = RulesCheck.run(folder);

        assertThat(problems).allMatch(RuleProblem::warning).hasSize(2);
        assertThat(RulesCheck.hasErrors(problems)).isFalse();
        assertThat(problems).extracting(RuleProblem::message).containsExactly(
                "rule \"Unsourced\" has no comment above it saying which part of the article (or which other source) it encodes",
                "fixes.pray: no steps: the viewer is told what to do but not how");
    }

    @Test
    void aRuleThatDerivesWithAPlainInsertIsAWarningAtTheInsert() throws IOException {
        copyOfTheRules();
        edit("plan.drl", "    insertLogical(new StepVariant(", "    insert(new StepVariant(");
        int line = lineOf("plan.drl", "    insert(new StepVariant(\"disable_vpn_proxy\", \"router_vpn\"));");

        assertThat(RulesCheck.run(folder)).singleElement().satisfies(p -> {
            assertThat(p.warning()).isTrue();
            assertThat(p.line()).isEqualTo(line);
            assertThat(p.message()).startsWith("rule \"A VPN on the router is turned off on the router\" uses insert(): "
                    + "derive facts with insertLogical instead");
        });
    }
}
