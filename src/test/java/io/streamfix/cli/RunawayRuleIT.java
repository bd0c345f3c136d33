package io.streamfix.cli;

import io.streamfix.ProjectRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.streamfix.cli.CliIT.streamfix;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rule whose then-part never returns (issue 14, defect 2): the CLI gives up at the time budget with
 * exit code 3 naming the rule, instead of hanging for ever; a batch goes on with the other files.
 */
class RunawayRuleIT {
    /** The rule "Spins for ever on a VPN": on cases with a VPN on; a Java thread in this loop cannot be stopped. */
    static final String SPINS_ON_VPN = "spins-on-vpn.drl";

    @TempDir
    Path rules;

    @Test
    void aSingleDiagnosisEndsAtTheBudgetWithExitCode3NamingTheRule() throws Exception {
        rulesWith(SPINS_ON_VPN);
        long start = System.nanoTime();

        CliIT.Run run = streamfix("diagnose", "--rules", rules.toString(), "--time-budget", "1s",
                "facts/vpn-active-phone.yaml");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("time budget of 1s").contains("\"Spins for ever on a VPN\"")
                .doesNotContain("\tat ");
        assertThat((System.nanoTime() - start) / 1e9).as("seconds until it gave up").isLessThan(60);
    }

    @Test
    void aBatchReportsTheStuckFilesAndDiagnosesTheOthers(@TempDir Path cases) throws Exception {
        rulesWith(SPINS_ON_VPN);
        Path secondVpnCase = Files.copy(Path.of("facts/vpn-active-phone.yaml"), cases.resolve("second-vpn.yaml"));

        // 5s: the other files share the cores with the spinning thread, on a shared machine.
        CliIT.Run run = streamfix("diagnose", "--rules", rules.toString(), "--time-budget", "5s",
                "--format", "jsonl", "facts/vpn-active-phone.yaml", "facts/dns-all-devices.yaml",
                secondVpnCase.toString(), "facts/outage-reported.yaml");

        assertThat(run.exitCode()).isEqualTo(3);
        String[] lines = run.out().split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).contains("vpn-active-phone").contains("time budget").contains("Spins for ever on a VPN");
        assertThat(lines[1]).contains("dns-all-devices").contains("\"status\":\"in_progress\"");
        // The rule was set aside after the first file: the second VPN case fails at once, naming it.
        assertThat(lines[2]).contains("second-vpn").contains("Spins for ever on a VPN");
        assertThat(lines[3]).contains("outage-reported").contains("\"diagnosis\":{");
    }

    /** The rule "Spins for ever after a failed fix": what a consultation reaches only when the viewer answers "no". */
    static final String SPINS_AFTER_A_FAILED_FIX = "spins-after-a-failed-fix.drl";

    @Test
    void testReportsTheStuckFileByItsRuleAndTestsTheOthersWithExitCode3() throws Exception {
        rulesWith(SPINS_ON_VPN);

        CliIT.Run run = streamfix("test", "--rules", rules.toString(), "--time-budget", "3s",
                "facts/vpn-active-phone.yaml", "facts/dns-all-devices.yaml");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("ERROR facts/vpn-active-phone.yaml")
                .contains("time budget of 3s").contains("\"Spins for ever on a VPN\"")
                .contains("pass  facts/dns-all-devices.yaml")
                .contains("1 passed, 1 failed");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void consultStopsAtTheBudgetNamingTheRuleAndSavesTheAnswerThatLedThere(@TempDir Path dir) throws Exception {
        rulesWith(SPINS_AFTER_A_FAILED_FIX);
        Path saved = dir.resolve("case.yaml");
        Path answers = Files.writeString(dir.resolve("answers.txt"), "no\n");

        // A router VPN: no question is worth asking, the first fix comes at once; "no" fails it.
        ProcessBuilder consult = new ProcessBuilder("bash", "streamfix", "consult", "--rules", rules.toString(),
                "--time-budget", "2s", "--save", saved.toString(), "facts/router-vpn-tv.yaml")
                .redirectInput(answers.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        consult.environment().remove("STREAMFIX_RULES");
        Process process = consult.start();

        assertThat(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as("consult ended").isTrue();
        String out = Files.readString(dir.resolve("out.txt"));
        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(out).contains("Try this fix:");
        assertThat(process.exitValue()).as("exit code; stderr: %s", err).isEqualTo(3);
        assertThat(err).contains("time budget of 2s").contains("\"Spins for ever after a failed fix\"")
                .contains("saved to " + saved).doesNotContain("\tat ");
        assertThat(Files.readString(saved)).contains("fix: disable_vpn_proxy").contains("result: failed");
    }

    private void rulesWith(String fault) throws IOException {
        ProjectRules.copyInto(rules);
        Files.writeString(rules.resolve("extra.drl"), ProjectRules.fault(fault));
    }
}
