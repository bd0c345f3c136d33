package io.streamfix.cli;

import io.streamfix.ProjectRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.streamfix.cli.CliIT.streamfix;
import static org.assertj.core.api.Assertions.assertThat;

/** Rules that fail while running are reported by name with exit code 3, never as a crash. */
class RuleFaultIT {
    /** The rule "Casts badly", whose consequence throws a ClassCastException (shared with OpenApiIT). */
    private static final String CASTS_BADLY = "casts-badly.drl";

    @TempDir
    Path rules;

    private void rulesWith(String extraDrl) throws IOException {
        ProjectRules.copyInto(rules);
        Files.writeString(rules.resolve("extra.drl"), extraDrl);
    }

    @Test
    void aRuleThatThrowsIsExitCode3NamingTheRule() throws Exception {
        rulesWith(ProjectRules.fault(CASTS_BADLY));

        CliIT.Run run = streamfix("diagnose", "--rules", rules.toString(), "facts/vpn-active-phone.yaml");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("rule \"Casts badly\" failed: text was used as a whole number")
                .doesNotContain("ClassCastException").doesNotContain("java.lang")
                .doesNotContain("\tat ");
    }

    @Test
    void anEndlessLoopIsStoppedByTheFiringLimitWithExitCode3() throws Exception {
        rulesWith("""
                package streamfix;
                import io.streamfix.model.*;

                rule "Touches the device forever"
                    ruleflow-group "evidence"
                when
                    $device : Device()
                then
                    update($device);
                end
                """);

        CliIT.Run run = streamfix("diagnose", "--rules", rules.toString(), "facts/vpn-active-phone.yaml");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("without settling").contains("Touches the device forever")
                .doesNotContain("\tat ");
    }

    @Test
    void withDebugTheStackTraceIsShown() throws Exception {
        rulesWith(ProjectRules.fault(CASTS_BADLY));

        CliIT.Run run = streamfix("diagnose", "--debug", "--rules", rules.toString(), "facts/vpn-active-phone.yaml");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("\tat ");
    }
}
