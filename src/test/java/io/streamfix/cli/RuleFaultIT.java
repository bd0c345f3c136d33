package io.streamfix.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.streamfix.cli.CliIT.streamfix;
import static org.assertj.core.api.Assertions.assertThat;

/** Rules that fail while running are reported by name with exit code 3, never as a crash. */
class RuleFaultIT {
    @TempDir
    Path rules;

    private void rulesWith(String extraDrl) throws IOException {
        try (var files = Files.list(Path.of("rules"))) {
            for (Path f : files.toList()) {
                Files.copy(f, rules.resolve(f.getFileName()));
            }
        }
        Files.writeString(rules.resolve("extra.drl"), extraDrl);
    }

    @Test
    void aRuleThatThrowsIsExitCode3NamingTheRule() throws Exception {
        rulesWith("""
                package streamfix;
                import io.streamfix.model.*;

                rule "Casts badly"
                    ruleflow-group "evidence"
                when
                    Device()
                then
                    Object text = "text";
                    Integer number = (Integer) text;
                end
                """);

        CliIT.Run run = streamfix("diagnose", "--rules", rules.toString(), "facts/vpn-active-phone.yaml");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("rule \"Casts badly\" failed").contains("ClassCastException")
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
        rulesWith("""
                package streamfix;
                import io.streamfix.model.*;

                rule "Casts badly"
                    ruleflow-group "evidence"
                when
                    Device()
                then
                    Object text = "text";
                    Integer number = (Integer) text;
                end
                """);

        CliIT.Run run = streamfix("diagnose", "--debug", "--rules", rules.toString(), "facts/vpn-active-phone.yaml");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("\tat ");
    }
}
