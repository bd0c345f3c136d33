package io.streamfix.cli;

import io.streamfix.ProjectRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.streamfix.cli.CliIT.streamfix;
import static io.streamfix.cli.CliIT.streamfixWith;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code streamfix diagnose} over many files and folders, run as a process. */
class BatchIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static List<String> factFiles() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("facts"))) {
            return files.map(Path::toString).filter(f -> f.endsWith(".yaml")).sorted().toList();
        }
    }

    /** Many small cases under generated names, so that parallel workers finish out of order. */
    private static List<Path> manyCases(Path dir, int count) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = dir.resolve(String.format("case-%03d.yml", i));
            Files.writeString(file, i % 3 == 0 ? "network:\n  vpn_active: true\n"
                    : i % 3 == 1 ? "observations:\n  netflix_outage: true\n" : "{}\n");
            files.add(file);
        }
        return files;
    }

    @Test
    void jsonLinesComeInTheOrderGivenWithFoldersExpandedInNameOrder(@TempDir Path dir) throws Exception {
        List<Path> cases = manyCases(dir, 60);
        List<String> expected = new ArrayList<>();
        expected.add("facts/vpn-active-phone.yaml");
        cases.forEach(c -> expected.add(c.toString()));
        expected.add("facts/fix-helped.yaml");

        CliIT.Run run = streamfix("diagnose", "--format", "jsonl", "facts/vpn-active-phone.yaml", dir.toString(),
                "facts/fix-helped.yaml");

        assertThat(run.exitCode()).isZero();
        List<JsonNode> lines = lines(run.out());
        assertThat(lines).extracting(l -> l.get("file").asText()).containsExactlyElementsOf(expected);
        for (JsonNode line : lines) {
            assertThat(line.get("problems")).isEmpty();
            String file = line.get("file").asText();
            String top = line.at("/diagnosis/causes/0/id").asText("none");
            if (file.contains("case-")) {
                int i = Integer.parseInt(file.replaceAll(".*case-(\\d+)\\.yml", "$1"));
                assertThat(top).as(file).isEqualTo(i % 3 == 0 ? "vpn_or_proxy" : i % 3 == 1 ? "netflix_outage" : "unstable_connection");
            }
        }
        assertThat(lines.get(lines.size() - 1).at("/diagnosis/status").asText()).isEqualTo("resolved");
    }

    @Test
    void aBadFileIsAnErrorRecordAndTheOthersAreStillDiagnosedExitCode2(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("typo.yaml");
        Files.writeString(bad, "network:\n  dns: automatc\n");
        Path empty = Files.createDirectory(dir.resolve("empty"));

        CliIT.Run run = streamfix("diagnose", "--format", "jsonl", "facts/vpn-active-phone.yaml", bad.toString(),
                "facts/no-such-file.yaml", empty.toString(), "facts/outage-reported.yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        List<JsonNode> lines = lines(run.out());
        assertThat(lines).extracting(l -> l.get("file").asText()).containsExactly("facts/vpn-active-phone.yaml",
                bad.toString(), "facts/no-such-file.yaml", empty.toString(), "facts/outage-reported.yaml");
        assertThat(lines.get(1).get("diagnosis").isNull()).isTrue();
        assertThat(lines.get(1).at("/problems/0/line").asInt()).isEqualTo(2);
        assertThat(lines.get(1).at("/problems/0/field").asText()).isEqualTo("network.dns");
        assertThat(lines.get(1).at("/problems/0/message").asText()).contains("did you mean automatic?");
        assertThat(lines.get(2).at("/problems/0/message").asText()).contains("no such file");
        // Issue 16, item 11: no place known, no place written (as in the service's errors), not 0 or "".
        assertThat(lines.get(2).at("/problems/0").fieldNames()).toIterable().containsExactly("message");
        assertThat(lines.get(3).at("/problems/0/message").asText()).contains("*.yaml");
        assertThat(lines.get(4).at("/diagnosis/status").asText()).isEqualTo("in_progress");
        assertThat(run.err()).contains(bad + ":2:8: network.dns").doesNotContain("\tat ");
    }

    @Test
    void inTextABadFileGoesToStderrWithItsPlaceAndTheOthersToStdout(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("typo.yaml");
        Files.writeString(bad, "network:\n  vpn_actve: true\n");

        CliIT.Run run = streamfix("diagnose", bad.toString(), "facts/vpn-active-phone.yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: " + bad + ":2:3: network.vpn_actve: unknown field");
        assertThat(run.out()).contains("==> facts/vpn-active-phone.yaml <==", "Next fix: Turn off VPNs");
    }

    @Test
    void theSummaryCountsTopCausesAndNextFixesOfTheBatch() throws Exception {
        CliIT.Run lines = streamfix("diagnose", "--format", "jsonl", "facts");
        CliIT.Run summarised = streamfix("diagnose", "--format", "jsonl", "--summary", "facts");

        Map<String, Integer> topCauses = new HashMap<>();
        Map<String, Integer> nextFixes = new HashMap<>();
        for (JsonNode line : lines(lines.out())) {
            topCauses.merge(line.at("/diagnosis/causes/0/id").asText("none"), 1, Integer::sum);
            JsonNode next = line.at("/diagnosis/next_fix");
            nextFixes.merge(next.isNull() ? "none" : next.get("id").asText(), 1, Integer::sum);
        }
        List<JsonNode> all = lines(summarised.out());
        JsonNode summary = all.get(all.size() - 1).get("summary");

        assertThat(summarised.exitCode()).isZero();
        assertThat(all).hasSize(factFiles().size() + 1);
        assertThat(summary.get("inputs").asInt()).isEqualTo(factFiles().size());
        assertThat(summary.get("failed").asInt()).isZero();
        assertThat(JSON.convertValue(summary.get("top_causes"), Map.class)).isEqualTo(topCauses);
        assertThat(JSON.convertValue(summary.get("next_fixes"), Map.class)).isEqualTo(nextFixes);
    }

    @Test
    void theTextSummaryIsATable() throws Exception {
        CliIT.Run run = streamfix("diagnose", "--summary", "facts/vpn-active-phone.yaml", "facts/proxy-browser.yaml",
                "facts/outage-reported.yaml");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Summary: 3 inputs, 3 diagnosed, 0 failed")
                .containsPattern("vpn_or_proxy +2\n").containsPattern("netflix_outage +1\n")
                .containsPattern("Next fix +cases\n");
    }

    @Test
    void jsonWithSeveralInputsIsOneDocumentOfResults() throws Exception {
        CliIT.Run run = streamfix("diagnose", "--format", "json", "--summary", "facts/vpn-active-phone.yaml",
                "facts/fix-helped.yaml");

        JsonNode json = JSON.readTree(run.out());
        assertThat(json.at("/results/0/file").asText()).isEqualTo("facts/vpn-active-phone.yaml");
        assertThat(json.at("/results/1/diagnosis/status").asText()).isEqualTo("resolved");
        assertThat(json.at("/summary/statuses/resolved").asInt()).isEqualTo(1);
    }

    @Test
    void anEditedRulesFolderIsPickedUpByTheNextRunDespiteTheCache(@TempDir Path rules, @TempDir Path cache)
            throws Exception {
        ProjectRules.copyInto(rules);
        Map<String, String> env = Map.of("STREAMFIX_CACHE", cache.toString());
        String[] args = {"diagnose", "--format", "json", "--rules", rules.toString(), "facts/vpn-active-phone.yaml"};
        JsonNode first = JSON.readTree(streamfixWith(env, args).out());
        JsonNode cached = JSON.readTree(streamfixWith(env, args).out());
        Path likelihoods = rules.resolve("likelihoods.yaml");
        String shippedLikelihoods = Files.readString(likelihoods);
        String weaker = shippedLikelihoods
                .replace("vpn_or_proxy: 5.0            # CF 0.8: fix 2, \"The NSEZ", "vpn_or_proxy: 2.0            # CF 0.8: fix 2, \"The NSEZ");
        assertThat(weaker).as("the edit: the VPN app's likelihood ratio 5 -> 2").isNotEqualTo(shippedLikelihoods);
        Files.writeString(likelihoods, weaker);

        JsonNode edited = JSON.readTree(streamfixWith(env, args).out());

        // The copy, cached or not, diagnoses as the shipped rules do; the edit weakens the VPN app's evidence.
        JsonNode shipped = JSON.readTree(streamfix("diagnose", "--format", "json", "facts/vpn-active-phone.yaml").out());
        assertThat(first).isEqualTo(shipped);
        assertThat(cached).isEqualTo(first);
        assertThat(first.at("/causes/0/id").asText()).isEqualTo("vpn_or_proxy");
        double confidence = first.at("/causes/0/confidence").asDouble();
        assertThat(edited.at("/causes/0/id").asText()).isEqualTo("vpn_or_proxy");
        assertThat(edited.at("/causes/0/confidence").asDouble()).isLessThan(confidence);
    }
}
