package io.streamfix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamfix.ProjectRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code streamfix serve} as an operator runs it, a process called over HTTP on loopback: API tokens,
 * Prometheus metrics at {@code /metrics}, and the JSON request log on stderr.
 */
class ServeOperationsIT {
    private static final String JSON = "application/json";
    private static final String VPN_PHONE = "{\"device\": {\"type\": \"mobile\"}, \"network\": {\"vpn_active\": true}}";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void tokensGuardEveryRouteButHealthAndThePageAndSeveralStandAtOnce(@TempDir Path dir) throws Exception {
        Path tokens = dir.resolve("tokens.txt");
        String first = ServiceProcess.newToken(tokens, "support-tool");
        String second = ServiceProcess.newToken(tokens, "agent-page");
        String file = Files.readString(tokens);
        assertThat(file).as("only hashes are stored").doesNotContain(first, second).contains("sha256:", "support-tool", "agent-page");

        try (ServiceProcess service = ServiceProcess.start(dir.resolve("serve.err"), "--port", "0", "--tokens", tokens.toString())) {
            for (String route : List.of("/v1/knowledge", "/metrics", "/openapi.json", "/no-such-route")) {
                ServiceProcess.Reply refused = service.get(route);
                assertThat(refused.status()).as(route).isEqualTo(401);
                assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"streamfix\"");
                assertThat(refused.json().at("/errors/0/message").asText()).contains("needs an API token", "Authorization: Bearer");
            }
            assertThat(service.post("/v1/diagnose", JSON, VPN_PHONE).status()).isEqualTo(401);
            assertThat(service.get("/v1/knowledge", "Authorization", "Basic dXNlcjpwdw==").json().at("/errors/0/message").asText())
                    .contains("must be Bearer");
            assertThat(service.withToken("sfx_wrong").get("/v1/knowledge").json().at("/errors/0/message").asText())
                    .contains("not one this service accepts");

            assertThat(service.withToken(null).get("/health").status()).isEqualTo(200);
            assertThat(service.get("/").status()).as("the page's files hold no data").isEqualTo(200);
            assertThat(service.get("/agent.js").status()).isEqualTo(200);

            assertThat(service.withToken(first).post("/v1/diagnose", JSON, VPN_PHONE).json().at("/next_fix/id").asText())
                    .isEqualTo("disable_vpn_proxy");
            assertThat(service.withToken(second).get("/v1/knowledge").status()).isEqualTo(200);

            // Rotation: the first token's line is removed; the running service reads the file again.
            Files.writeString(tokens, String.join("\n", Files.readAllLines(tokens).stream()
                    .filter(line -> !line.contains("support-tool")).toList()) + "\n");
            eventually(() -> service.withToken(first).get("/v1/knowledge").status() == 401);
            assertThat(service.withToken(second).get("/v1/knowledge").status()).isEqualTo(200);
        }
    }

    @Test
    void aBadTokenFileStopsTheServiceWithItsLineAndExitCode2(@TempDir Path dir) throws Exception {
        Path tokens = dir.resolve("tokens.txt");
        Files.writeString(tokens, "# ours\nsfx_AAAAthisIsATokenNotAHash\n");
        Path err = dir.resolve("serve.err");
        Process process = ServiceProcess.launch(err, "--port", "0", "--tokens", tokens.toString());

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(Files.readString(err)).contains("error: " + tokens + ":2: expected sha256:", "the file holds only hashes")
                .doesNotContain("\tat ");
    }

    @Test
    void metricsCountRequestsDiagnosesQuestionsReloadsAndTheQueue(@TempDir Path dir) throws Exception {
        Path rules = ProjectRules.copyInto(dir.resolve("rules"));
        try (ServiceProcess service = ServiceProcess.start(dir.resolve("serve.err"), "--port", "0", "--rules", rules.toString())) {
            String version = service.get("/health").json().get("rules_version").asText();
            // The question each diagnosis puts first, as its reply gives it: the metric counts those.
            java.util.Map<String, Integer> firstQuestions = new java.util.TreeMap<>();
            for (int i = 0; i < 3; i++) {
                ServiceProcess.Reply vpn = service.post("/v1/diagnose", JSON, VPN_PHONE);
                assertThat(vpn.status()).isEqualTo(200);
                if (!vpn.json().at("/questions").isEmpty()) {
                    firstQuestions.merge(vpn.json().at("/questions/0/fact").asText(), 1, Integer::sum);
                }
            }
            ServiceProcess.Reply empty = service.post("/v1/diagnose", JSON, "{}");
            assertThat(empty.status()).isEqualTo(200);
            assertThat(empty.json().at("/questions")).as("a case with a question").isNotEmpty();
            firstQuestions.merge(empty.json().at("/questions/0/fact").asText(), 1, Integer::sum);
            service.post("/v1/diagnose", JSON, "{\"network\": {\"dns\": \"automatc\"}}");
            service.post("/v1/diagnose?questions=false", "application/yaml",
                    "tried:\n  - fix: restart_network\n    result: helped\n");

            String metrics = service.get("/metrics").body();
            assertThat(metricValue(metrics, "http_server_requests_seconds_count", "method=\"POST\",route=\"/v1/diagnose\",status=\"200\"")).isEqualTo(5);
            assertThat(metricValue(metrics, "http_server_requests_seconds_count", "method=\"POST\",route=\"/v1/diagnose\",status=\"400\"")).isEqualTo(1);
            assertThat(metricValue(metrics, "http_server_requests_seconds_bucket", "method=\"POST\",route=\"/v1/diagnose\",status=\"200\",le=\"+Inf\""))
                    .as("latency histogram").isEqualTo(5);
            assertThat(metricValue(metrics, "streamfix_diagnoses_total", "next_fix=\"disable_vpn_proxy\",rules_version=\"" + version + "\",status=\"in_progress\"")).isEqualTo(4);
            assertThat(metricValue(metrics, "streamfix_diagnoses_total", "next_fix=\"none\",rules_version=\"" + version + "\",status=\"resolved\"")).isEqualTo(1);
            for (java.util.Map.Entry<String, Integer> question : firstQuestions.entrySet()) {
                assertThat(metricValue(metrics, "streamfix_questions_asked_total", "fact=\"" + question.getKey() + "\""))
                        .as("asked first: " + question.getKey()).isEqualTo(question.getValue().doubleValue());
            }
            assertThat(Pattern.compile("^streamfix_questions_asked_total\\{", Pattern.MULTILINE).matcher(metrics).results().count())
                    .as("no other question counted").isEqualTo(firstQuestions.size());
            assertThat(metrics).contains("streamfix_diagnoses_waiting 0.0");
            assertThat(metrics).contains("streamfix_rules_info{rules_version=\"" + version + "\"} 1");
            assertThat(metrics).contains("jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads", "process_cpu_usage", "process_uptime_seconds");

            // A good edit, then a bad one: one reload each way, and the info shows the new version.
            Files.writeString(rules.resolve("knowledge.yaml"), Files.readString(rules.resolve("knowledge.yaml")) + "\n# edited\n");
            eventually(() -> !service.get("/health").json().get("rules_version").asText().equals(version));
            Files.writeString(rules.resolve("broken.drl"), "rule \"Broken\" when then nonsense(; end\n");
            eventually(() -> !service.get("/v1/knowledge").json().get("last_reload_error").isNull());
            String after = service.get("/metrics").body();
            String newVersion = service.get("/health").json().get("rules_version").asText();
            assertThat(after).contains("streamfix_rules_reloads_total{result=\"ok\"} 1.0", "streamfix_rules_reloads_total{result=\"failed\"} 1.0");
            assertThat(after).contains("streamfix_rules_info{rules_version=\"" + newVersion + "\"} 1")
                    .doesNotContain("streamfix_rules_info{rules_version=\"" + version + "\"}");
        }
    }

    @Test
    void metricsCanBeSwitchedOff(@TempDir Path dir) throws Exception {
        try (ServiceProcess service = ServiceProcess.start(dir.resolve("serve.err"), "--port", "0", "--no-metrics")) {
            assertThat(service.get("/metrics").status()).isEqualTo(404);
            assertThat(service.post("/v1/diagnose", JSON, VPN_PHONE).status()).isEqualTo(200);
        }
    }

    @Test
    void everyRequestIsOneJsonLineOnStderrWithItsIdAndNoSymptoms(@TempDir Path dir) throws Exception {
        Path err = dir.resolve("serve.err");
        Instant before = Instant.now();
        String version;
        ServiceProcess.Reply mine;
        ServiceProcess.Reply theirs;
        try (ServiceProcess service = ServiceProcess.start(err, "--port", "0")) {
            version = service.get("/health").json().get("rules_version").asText();
            mine = service.post("/v1/diagnose", JSON, VPN_PHONE, "X-Request-Id", "ticket-4711.a");
            theirs = service.post("/v1/diagnose", JSON, "{\"device\": {\"model\": \"secret model\"}}");
            service.post("/v1/diagnose", JSON, "{}", "X-Request-Id", "bad id\" with quotes");
            service.get("/no-such-route");
        }
        assertThat(mine.header("X-Request-Id")).isEqualTo("ticket-4711.a");
        assertThat(theirs.header("X-Request-Id")).as("made by the service").matches("[0-9a-f]{8}-\\d+");

        List<JsonNode> lines = requestLines(err);
        JsonNode line = lines.stream().filter(l -> l.get("request_id").asText().equals("ticket-4711.a")).findFirst().orElseThrow();
        assertThat(line.get("route").asText()).isEqualTo("/v1/diagnose");
        assertThat(line.get("method").asText()).isEqualTo("POST");
        assertThat(line.get("status").asInt()).isEqualTo(200);
        assertThat(line.get("duration_ms").asDouble()).isPositive();
        assertThat(line.get("rules_version").asText()).isEqualTo(version);
        assertThat(line.has("case_id")).isTrue();
        assertThat(Instant.parse(line.get("time").asText())).isAfter(before);
        assertThat(lines).anySatisfy(l -> assertThat(l.get("request_id").asText()).isEqualTo(theirs.header("X-Request-Id")));
        assertThat(lines).as("a forged id is replaced").noneSatisfy(l -> assertThat(l.get("request_id").asText()).contains("quotes"));
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.get("route").asText()).isEqualTo("unmatched");
            assertThat(l.get("status").asInt()).isEqualTo(404);
        });
        assertThat(Files.readString(err)).as("no symptom content unless asked").doesNotContain("secret model", "vpn_active");
    }

    @Test
    void symptomsAreLoggedOnlyWhenAsked(@TempDir Path dir) throws Exception {
        Path err = dir.resolve("serve.err");
        try (ServiceProcess service = ServiceProcess.start(err, "--port", "0", "--log-symptoms")) {
            service.post("/v1/diagnose", JSON, "{\"device\": {\"model\": \"secret model\"}}", "X-Request-Id", "with-symptoms");
        }
        JsonNode line = requestLines(err).stream().filter(l -> l.get("request_id").asText().equals("with-symptoms")).findFirst().orElseThrow();
        assertThat(line.get("symptoms").asText()).contains("secret model");
    }

    @Test
    void theRequestLogCanGoToAFileOrNowhere(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("requests.log");
        try (ServiceProcess service = ServiceProcess.start(dir.resolve("a.err"), "--port", "0", "--request-log", log.toString())) {
            service.get("/health");
        }
        assertThat(MAPPER.readTree(Files.readAllLines(log).get(0)).get("route").asText()).isEqualTo("/health");
        try (ServiceProcess service = ServiceProcess.start(dir.resolve("b.err"), "--port", "0", "--request-log", "off")) {
            service.get("/health");
        }
        assertThat(requestLines(dir.resolve("b.err"))).isEmpty();
    }

    /** The request log's lines in a stderr file (the service's own log lines are plain text). */
    static List<JsonNode> requestLines(Path err) throws Exception {
        return Files.readAllLines(err).stream().filter(line -> line.startsWith("{")).map(line -> {
            try {
                return MAPPER.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }).toList();
    }

    private static double metricValue(String metrics, String name, String labels) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(name + "{" + labels + "}") + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        assertThat(matcher.find()).as("%s{%s} in:%n%s", name, labels, metrics).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    static void eventually(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited 60 s").isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
