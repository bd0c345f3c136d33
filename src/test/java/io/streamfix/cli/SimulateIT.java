package io.streamfix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.streamfix.cli.CliIT.streamfix;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code streamfix simulate}, run as a user runs it. */
class SimulateIT {

    @Test
    void replayPrintsTheThreePoliciesAndTheirRatiosToTheOptimum() throws Exception {
        CliIT.Run run = streamfix("simulate", "replay", "--viewers", "40", "populations/vpn-heavy.yaml");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Population vpn-heavy (populations/vpn-heavy.yaml): 40 viewers, seed 1")
                .containsPattern("streamfix +[0-9.]+ +[0-9.]+ +[0-9.]+x")
                .containsPattern("fixed order +[0-9.]+")
                .containsPattern("optimum +[0-9.]+ +[0-9.]+ +1\\.00x");
    }

    @Test
    void aBadPopulationIsReportedWithItsLineAndTheOthersStillRun(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"),
                Files.readString(Path.of("populations/device-heavy.yaml")).replace("  vpn_or_proxy: 0.08", "  vpn_or_proxi: 0.08"));

        CliIT.Run run = streamfix("simulate", "replay", "--viewers", "20", "--format", "json", bad.toString(),
                "populations/isp-dns-heavy.yaml");

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).containsPattern("error: .*bad.yaml:\\d+:3: causes.vpn_or_proxi: unknown cause \"vpn_or_proxi\"; "
                + "expected one of .* — did you mean vpn_or_proxy\\?");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.at("/replays/0/population").asText()).isEqualTo("isp-dns-heavy");
        assertThat(json.at("/replays/0/policies").findValuesAsText("policy")).containsExactly("streamfix", "fixed order", "optimum");
        assertThat(json.at("/replays/0/policies/2/ratio").asDouble()).isEqualTo(1.0);
    }

    @Test
    void historyWritesTheTicketsAndSaysHowTheyEnded(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("history.jsonl");
        CliIT.Run run = streamfix("simulate", "history", "populations/vpn-heavy.yaml", "--tickets", "50",
                "--out", out.toString(), "--no-minutes");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("Wrote 50 tickets of vpn-heavy to .*history.jsonl: \\d+ resolved, \\d+ escalated, \\d+ abandoned");
        assertThat(Files.readAllLines(out)).hasSize(50);

        Path folder = dir.resolve("tickets");
        assertThat(streamfix("simulate", "history", "populations/vpn-heavy.yaml", "--tickets", "20",
                "--out", folder.toString(), "--no-minutes").exitCode()).isZero();
        CliIT.Run diagnosed = streamfix("diagnose", "--summary", folder.toString());
        assertThat(diagnosed.exitCode()).as(diagnosed.err()).isZero();
        assertThat(diagnosed.out()).contains("Summary: 20 inputs, 20 diagnosed, 0 failed");
    }

    @Test
    void helpTeachesTheCommandAndWrongOptionsSayWhy() throws Exception {
        CliIT.Run help = streamfix("simulate", "replay", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--rules=DIR", "--viewers=N", "--seed=SEED", "optimum", "fixed order");

        CliIT.Run wrong = streamfix("simulate", "history", "populations/vpn-heavy.yaml", "--out", "x.jsonl", "--give-up", "3");
        assertThat(wrong.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(wrong.err()).contains("Invalid value for option '--give-up': 3.0 (expected a chance between 0 and 1)");
    }
}
