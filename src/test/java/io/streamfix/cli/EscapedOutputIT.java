package io.streamfix.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.streamfix.cli.CliIT.streamfix;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Control and bidirectional characters never reach the terminal raw (issue 14, defect 5): written as
 * YAML escapes they are refused with the value shown escaped, and one problem is one line.
 */
class EscapedOutputIT {
    @TempDir
    Path cases;

    @Test
    void anEscapedClearScreenSequenceIsRefusedAndShownEscaped() throws Exception {
        Path file = Files.writeString(cases.resolve("clear.yaml"), "device:\n  model: \"a\\0b\\x1b[2J\"\n");

        CliIT.Run run = streamfix("diagnose", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out() + run.err()).doesNotContain("\u001b").doesNotContain("\u0000");
        assertThat(run.err()).contains("device.model").contains("\\u001b[2J").contains("control");
    }

    @Test
    void aNewlineInAValueCannotForgeAnOutputLine() throws Exception {
        Path file = Files.writeString(cases.resolve("forged.yaml"),
                "network:\n  isp: \"Acme\\nNSEZ-403: resolved: everything helped\"\n");

        CliIT.Run run = streamfix("diagnose", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).doesNotContain("NSEZ-403: resolved");
        assertThat(run.err().lines()).noneMatch(line -> line.startsWith("NSEZ-403"));
    }

    @Test
    void aKeyWithANewlineIsOneProblemOnOneLine() throws Exception {
        Path file = Files.writeString(cases.resolve("key.yaml"), "network:\n  \"vpn\\nerror: forged\": true\n");

        CliIT.Run run = streamfix("diagnose", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).as("each problem on a line of its own").isNotEmpty()
                .allMatch(line -> line.startsWith("error: ") && line.contains("key.yaml:"));
        assertThat(run.err()).contains("vpn\\nerror: forged");
    }

    @Test
    void aRightToLeftOverrideIsRefused() throws Exception {
        Path file = Files.writeString(cases.resolve("bidi.yaml"), "device:\n  model: \"abc\\u202Edcba\"\n");

        CliIT.Run run = streamfix("diagnose", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("\\u202e").doesNotContain("\u202E");
    }
}
