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
        edit("evidence.drl", "new Evidence(\"unstable_connection\", 0.7,", "new Evidence(\"unstable_conection\", 0.7,");

        assertThat(RulesCheck.run(folder)).extracting(RuleProblem::message)
                .anyMatch(m -> m.startsWith("cause \"unstable_conection\" is not in knowledge.yaml"));
    }

    @Test
    void aCauseNoRuleGivesEvidenceForIsAnErrorAtItsLineInTheData() throws IOException {
        copyOfTheRules();
        edit("knowledge.yaml", "causes:\n", "causes:\n  cosmic_rays:\n    title: Cosmic rays flip bits\n");

        assertThat(RulesCheck.run(folder)).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("knowledge.yaml");
            assertThat(p.line()).isEqualTo(lineOf("knowledge.yaml", "  cosmic_rays:"));
            assertThat(p.message()).contains("causes.cosmic_rays: no rule gives evidence for this cause");
        });
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
                        + "phases (one of evidence, causes, plan, escalation)");
    }

    @Test
    void aFixWithoutStepsAndARuleWithoutASourceAreWarnings() throws IOException {
        copyOfTheRules();
        edit("knowledge.yaml", "fixes:\n", "fixes:\n  pray:\n    order: 11\n    title: Pray\n    why: Hope.\n");
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
