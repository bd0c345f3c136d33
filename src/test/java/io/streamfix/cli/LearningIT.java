package io.streamfix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.streamfix.cli.CliIT.streamfix;
import static org.assertj.core.api.Assertions.assertThat;

/** The loop history → evaluate → calibrate → compare, run as a user runs it: the launcher, as processes. */
class LearningIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Path history;

    /** A history of simulated tickets (the article's order at the desk, with minutes), and one bad line. */
    @BeforeAll
    static void history() throws Exception {
        history = dir.resolve("history.jsonl");
        CliIT.Run run = streamfix("simulate", "history", "populations/vpn-heavy.yaml", "--tickets", "400",
                "--out", history.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Files.writeString(history, Files.readString(history)
                + "{\"tried\": [{\"fix\": \"restart_network\", \"result\": \"failed\", \"minutes\": \"ten\"}]}\n");
    }

    @Test
    void evaluateReportsTheFiguresAndTheBadTicketWithItsLine() throws Exception {
        CliIT.Run run = streamfix("evaluate", "--format", "json", history.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT); // one ticket skipped, the rest evaluated
        assertThat(run.err()).isEqualTo("error: " + history + ":401: tried[0].minutes: expected a number of minutes "
                + "(0 to 10080), got \"ten\" — write the number alone, e.g. 5\n");
        JsonNode figures = JSON.readTree(run.out());
        assertThat(figures.get("tickets").asInt()).isEqualTo(400);
        assertThat(figures.get("first_fix_hit_rate").asDouble()).isBetween(0.0, 1.0);
        assertThat(figures.get("mean_minutes").asDouble()).isGreaterThanOrEqualTo(figures.get("observed_minutes").asDouble() * 0.1);
        int ranked = 0;
        for (var rank : (Iterable<java.util.Map.Entry<String, JsonNode>>) figures.get("helped_rank")::fields) {
            ranked += rank.getValue().asInt();
        }
        assertThat(ranked).isEqualTo(figures.get("resolved").asInt());
        for (JsonNode fix : figures.get("fixes")) {
            assertThat(fix.get("mean_chance").asDouble()).isBetween(0.0, 1.0);
            assertThat(fix.get("observed").asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(figures.get("rules")).hasSize(io.streamfix.learning.RulesData.read(Path.of("rules")).model().evidenceRules().size());
    }

    @Test
    void evaluateWritesTheReportAndTextForPeople() throws Exception {
        Path report = dir.resolve("report.html");
        CliIT.Run run = streamfix("evaluate", history.toString(), "--report", report.toString());

        assertThat(run.out()).startsWith("400 tickets, ").contains("first-fix hit rate", "Report written to " + report);
        assertThat(Files.readString(report)).startsWith("<!DOCTYPE html>").contains("<svg", "id=\"calibration-chart\"");
    }

    @Test
    void calibrateWritesACheckedFolderWhoseChangeIsOnlyNumbersAndTheSameEachTime() throws Exception {
        Path first = dir.resolve("calibrated-1");
        Path second = dir.resolve("calibrated-2");

        CliIT.Run run = streamfix("calibrate", history.toString(), "--out", first.toString());
        CliIT.Run again = streamfix("calibrate", history.toString(), "--out", second.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.BAD_INPUT); // the bad line, reported
        assertThat(run.out()).contains("from 320 tickets (80 held back)", "check " + first + ": clean",
                "evaluate on the 80 held-back tickets:", "before", "after");
        // Every file is there; the data files differ from the shipped ones only on data lines saying they were
        // calibrated: a number changed on its line (the same key), or a likelihood line added for a cause
        // the rule bears on too. Nothing is removed and no other line changes.
        java.util.regex.Pattern added = java.util.regex.Pattern.compile(
                "^  [a-z_]+: [0-9.]+ +# calibrated from .*\\(added: .*");
        try (var files = Files.list(Path.of("rules"))) {
            for (Path shipped : files.toList()) {
                Path copy = first.resolve(shipped.getFileName().toString());
                assertThat(copy).exists();
                List<String> before = Files.readAllLines(shipped);
                List<String> after = Files.readAllLines(copy);
                int b = 0;
                for (int a = 0; a < after.size(); a++) {
                    String line = after.get(a);
                    if (b < before.size() && line.equals(before.get(b))) {
                        b++;
                    } else if (added.matcher(line).matches()) {
                        assertThat(a).as(copy + ":" + (a + 1) + " added under a rule").isPositive();
                        assertThat(after.get(a - 1)).as(copy + ":" + a + ", above an added line").matches("^\\S.*:$|^  [a-z_]+: .*");
                    } else {
                        assertThat(b).as(copy + ":" + (a + 1) + " beyond the shipped file").isLessThan(before.size());
                        String was = before.get(b++);
                        assertThat(was).as("the shipped line that changed: a data line").matches("^ *[a-z_A-Z].*: .*");
                        assertThat(line).as(copy + ":" + (a + 1)).contains("# calibrated from ")
                                .startsWith(was.substring(0, was.indexOf(':') + 1));
                    }
                }
                assertThat(b).as(copy + ": every shipped line is kept").isEqualTo(before.size());
                assertThat(Files.readString(second.resolve(shipped.getFileName().toString())))
                        .as("the same history gives the same numbers").isEqualTo(Files.readString(copy));
            }
        }
        assertThat(streamfix("check", "--rules", first.toString()).exitCode()).isZero();
    }

    @Test
    void calibrateRefusesToOverwriteAFolder() throws Exception {
        CliIT.Run run = streamfix("calibrate", history.toString(), "--out", "rules");

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("--out rules exists and is not an empty folder");
    }

    @Test
    void compareListsTheCasesThatChangeAndBothSidesFigures() throws Exception {
        Path calibrated = dir.resolve("calibrated-compare");
        streamfix("calibrate", history.toString(), "--out", calibrated.toString());

        CliIT.Run same = streamfix("compare", "--rules", "rules", "--rules", "rules", "facts/");
        CliIT.Run run = streamfix("compare", "--rules", "rules", "--rules", calibrated.toString(), "--format", "json", "facts/");

        assertThat(same.exitCode()).isZero();
        assertThat(same.out()).startsWith("0 of 14 cases change between rules and rules").contains("evaluate on the cases:");
        assertThat(run.exitCode()).isZero();
        JsonNode comparison = JSON.readTree(run.out());
        assertThat(comparison.get("cases").asInt()).isEqualTo(14);
        for (JsonNode change : comparison.get("changed")) {
            assertThat(change.get("differences")).isNotEmpty();
            assertThat(change.get("source").asText()).startsWith("facts/");
        }
        assertThat(comparison.get("left").get("tickets").asInt()).isEqualTo(14);
        assertThat(comparison.get("right").get("tickets").asInt()).isEqualTo(14);
    }

    @Test
    void compareNeedsTwoFolders() throws Exception {
        CliIT.Run run = streamfix("compare", "--rules", "rules", "facts/");

        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("give --rules exactly twice");
    }
}
