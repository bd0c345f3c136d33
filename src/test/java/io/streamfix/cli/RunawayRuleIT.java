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

    private void rulesWith(String fault) throws IOException {
        ProjectRules.copyInto(rules);
        Files.writeString(rules.resolve("extra.drl"), ProjectRules.fault(fault));
    }
}
