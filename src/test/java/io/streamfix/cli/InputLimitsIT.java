package io.streamfix.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.streamfix.cli.CliIT.streamfix;
import static org.assertj.core.api.Assertions.assertThat;

/** The input limits as a user meets them: exit code 2, the limit named, and the flag that raises it. */
class InputLimitsIT {
    @Test
    void aFileOverTheLimitIsExitCode2AndTheFlagRaisesTheLimit(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "# " + "x".repeat(1_200_000) + "\ndevice: {type: mobile}\nnetwork: {vpn_active: true}\n");

        CliIT.Run refused = streamfix("diagnose", big.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains(big + ": the file is too large (" + Files.size(big) + " bytes; at most 1048576;")
                .contains("--max-input-size");

        CliIT.Run raised = streamfix("diagnose", "--max-input-size", "2MiB", big.toString());
        assertThat(raised.exitCode()).isZero();
        assertThat(raised.out()).contains("Next fix: Turn off VPNs");
    }

    @Test
    void aSizeThatIsNotASizeIsAUsageError() throws Exception {
        CliIT.Run run = streamfix("diagnose", "--max-input-size", "lots", "facts/vpn-active-phone.yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'lots' is not a size");
    }

    @Test
    void aYamlTagIsRefusedWithItsPlace(@TempDir Path dir) throws Exception {
        Path tagged = dir.resolve("tagged.yaml");
        Files.writeString(tagged, "device:\n  model: !!javax.script.ScriptEngineManager []\n");

        CliIT.Run run = streamfix("diagnose", tagged.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: " + tagged + ":2:10: device.model: YAML tags such as "
                + "!!javax.script.ScriptEngineManager are not allowed: write plain values\n");
    }

    @Test
    void aBillionLaughsFileIsExitCode2NamingTheAlias(@TempDir Path dir) throws Exception {
        Path laughs = dir.resolve("laughs.yaml");
        StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            String alias = "*" + (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [").append(String.join(",", java.util.Collections.nCopies(9, alias)))
                    .append("]\n");
        }
        Files.writeString(laughs, yaml + "device:\n  model: *i\n");

        CliIT.Run run = streamfix("diagnose", laughs.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("error: " + laughs + ":11:10: device.model: aliases (*i) are not supported")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void binaryAndBrokenFilesAreExitCode2WithTheirPlace(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("photo.yaml");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
        // A valid example with a stray character, as a hand edit or a bad merge leaves it.
        String example = Files.readString(Path.of("facts/vpn-active-phone.yaml"));
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, example.replace("  dns: automatic", "  dns: {automatic"));

        CliIT.Run binary = streamfix("diagnose", png.toString());
        CliIT.Run syntax = streamfix("diagnose", broken.toString());

        assertThat(binary.exitCode()).isEqualTo(2);
        assertThat(binary.err()).isEqualTo("error: " + png + ": cannot read the file: it is not UTF-8 text\n");
        assertThat(syntax.exitCode()).isEqualTo(2);
        assertThat(syntax.err()).startsWith("error: " + broken + ":").contains("YAML syntax error")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** Issue 14, defect 4: 3 GiB of /dev/zero ended in an OutOfMemoryError stack trace after 12 s. */
    @Test
    void aMaximumInputSizeOfGibibytesIsRefusedAsUsage() throws Exception {
        CliIT.Run diagnose = CliIT.streamfix("diagnose", "--max-input-size", "3GiB", "/dev/zero");
        CliIT.Run serve = CliIT.streamfix("serve", "--port", "0", "--max-input-size", "4GiB");

        for (CliIT.Run run : new CliIT.Run[] {diagnose, serve}) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("more than the largest input size, 256MiB")
                    .doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
        }
    }

    /** Issue 14, defect 11: an unknown --bind name was reported as "reachable from other machines", then "port in use". */
    @Test
    void anUnknownBindAddressIsNamedAsSuch() throws Exception {
        CliIT.Run run = CliIT.streamfix("serve", "--port", "0", "--bind", "no.such.host.invalid");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot listen on no.such.host.invalid: no such host")
                .doesNotContain("reachable").doesNotContain("in use");
    }
}
