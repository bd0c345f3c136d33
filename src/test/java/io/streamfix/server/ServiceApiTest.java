package io.streamfix.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamfix.ProjectRules;
import io.streamfix.Troubleshooter;
import io.streamfix.input.InputLimits;
import io.streamfix.input.InputProblem;
import io.streamfix.input.InvalidSymptomsException;
import io.streamfix.output.JsonOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service's API over a real socket: every route and every error status, as a support tool sees them. */
class ServiceApiTest {
    private static final String YAML = "application/yaml";
    private static final String JSON = "application/json";
    /** The README's example of a symptom file with mistakes. */
    private static final String TYPO = "network:\n  dns: automatc\n  vpn_actve: true\n";

    private static Troubleshooter troubleshooter;
    private static StreamfixServer server;
    private static HttpCalls http;

    @BeforeAll
    static void start() {
        troubleshooter = Troubleshooter.load(Path.of("rules"));
        LiveRules rules = new LiveRules();
        rules.loaded(troubleshooter);
        server = StreamfixServer.start(rules, "127.0.0.1", 0);
        http = new HttpCalls(server.address());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode cliJson(Path symptomFile) throws IOException {
        // What `streamfix diagnose --format json FILE` prints: one case, with its questions.
        return new ObjectMapper().readTree(JsonOutput.pretty().render(
                troubleshooter.diagnoseWithQuestions(troubleshooter.read(symptomFile).symptoms())));
    }

    private static void assertError(HttpCalls.Reply reply, int status, String messagePart) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith(JSON);
        assertThat(reply.json().fieldNames()).toIterable().containsExactly("errors");
        assertThat(reply.json().at("/errors/0/message").asText()).contains(messagePart);
        assertThat(reply.body()).as("no stack trace").doesNotContain("\tat ", "\\tat ", ".java:");
    }

    @Test
    void aYamlSymptomFileGetsTheSameJsonAsDiagnoseFormatJson() throws IOException {
        Path file = Path.of("facts/router-vpn-tv.yaml");

        HttpCalls.Reply reply = http.post("/v1/diagnose", YAML, Files.readString(file));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith(JSON);
        assertThat(reply.json()).isEqualTo(cliJson(file));
        assertThat(reply.json().at("/next_fix/id").asText()).isEqualTo("disable_vpn_proxy");
    }

    @Test
    void aCaseComesWithItsQuestionsBestFirstUnlessAskedNotTo() {
        HttpCalls.Reply reply = http.post("/v1/diagnose", JSON, "{}");

        JsonNode questions = reply.json().get("questions");
        assertThat(questions).isNotEmpty();
        JsonNode best = questions.get(0);
        assertThat(best.fieldNames()).toIterable().containsExactly("fact", "text", "why", "answers", "minutes_saved");
        assertThat(best.get("fact").asText()).matches("[a-z_]+\\.[a-z_]+");
        assertThat(best.get("text").asText()).endsWith("?");
        assertThat(best.get("minutes_saved").asDouble()).isPositive();
        // On a smart TV, whether other devices fail decides between the network and the device.
        JsonNode onATv = http.post("/v1/diagnose", JSON, "{\"device\": {\"type\": \"smart_tv\"}}").json().get("questions");
        JsonNode devices = onATv.findParents("fact").stream()
                .filter(q -> q.get("fact").asText().equals("observations.other_devices_affected")).findFirst().orElseThrow();
        assertThat(devices.get("answers")).extracting(JsonNode::asText).containsExactly("yes", "no");

        JsonNode answered = http.post("/v1/diagnose", JSON,
                "{\"device\": {\"type\": \"smart_tv\"}, \"observations\": {\"other_devices_affected\": true}}").json();
        assertThat(answered.get("questions").findValuesAsText("fact")).doesNotContain("observations.other_devices_affected");

        HttpCalls.Reply fast = http.post("/v1/diagnose?questions=false", JSON, "{}");
        assertThat(fast.json().get("questions").isNull()).isTrue();
        assertThat(fast.json().get("next_fix")).isEqualTo(reply.json().get("next_fix"));
        assertError(http.post("/v1/diagnose?questions=maybe", JSON, "{}"), 400, "questions=maybe is not understood");
    }

    @Test
    void aJsonDocumentIsDiagnosedLikeTheSameFileInYaml() throws IOException {
        String json = """
                {"device": {"type": "mobile", "model": "Pixel 8"}, "network": {"vpn_active": true},
                 "tried": [{"fix": "restart_network", "result": "failed"}]}""";

        HttpCalls.Reply reply = http.post("/v1/diagnose", JSON + "; charset=utf-8", json);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode sameInYaml = http.post("/v1/diagnose", YAML, """
                device: {type: mobile, model: "Pixel 8"}
                network: {vpn_active: true}
                tried: [{fix: restart_network, result: failed}]
                """).json();
        assertThat(reply.json()).isEqualTo(sameInYaml);
        assertThat(reply.json().at("/causes/0/id").asText()).isEqualTo("vpn_or_proxy");
        assertThat(reply.json().get("plan").findValuesAsText("id")).doesNotContain("restart_network");
    }

    @Test
    void badYamlIs400WithEveryProblemLocatedAsTheCliSaysIt() {
        HttpCalls.Reply reply = http.post("/v1/diagnose", YAML, TYPO);

        assertError(reply, 400, "<request>:2:8: network.dns: \"automatc\" is not one of automatic, manual — did you mean automatic?");
        List<String> cliLines = problemsOf(() -> troubleshooter.reader().read("<request>", TYPO));
        assertThat(reply.json().findValuesAsText("message")).isEqualTo(cliLines).hasSize(2);
        assertThat(reply.json().at("/errors/1/message").asText()).contains("network.vpn_actve: unknown field — did you mean vpn_active?");
        assertThat(reply.json().at("/errors/0/field").asText()).isEqualTo("network.dns");
        assertThat(reply.json().at("/errors/0/line").asInt()).isEqualTo(2);
        assertThat(reply.json().at("/errors/0/column").asInt()).isEqualTo(8);
    }

    private static List<String> problemsOf(Runnable read) {
        try {
            read.run();
        } catch (InvalidSymptomsException e) {
            return e.problems().stream().map(InputProblem::format).toList();
        }
        throw new AssertionError("expected the input to be rejected");
    }

    @Test
    void badJsonIs400WithThePlaceOrTheField() {
        assertError(http.post("/v1/diagnose", JSON, "{\"network\": {\"vpn_active\": }}"), 400, "<request>:1:28: not valid JSON");
        assertError(http.post("/v1/diagnose", JSON, "[1, 2]"), 400, "must be a JSON object of symptoms");
        assertError(http.post("/v1/diagnose", JSON, ""), 400, "the body is empty");

        HttpCalls.Reply wrongValue = http.post("/v1/diagnose", JSON, "{\"network\": {\"dns\": \"automatc\"}}");
        assertError(wrongValue, 400, "<request>:1:21: network.dns: \"automatc\" is not one of automatic, manual");
        assertThat(wrongValue.json().at("/errors/0/field").asText()).isEqualTo("network.dns");
        assertThat(wrongValue.json().at("/errors/0/line").asInt()).as("where the field's value is written").isEqualTo(1);
        assertThat(wrongValue.json().at("/errors/0/column").asInt()).isEqualTo(21);
    }

    @Test
    void aBatchAnswersEveryEntryInOrderAndABadEntryStopsNoOther() throws IOException {
        String batch = "[{}, {\"network\": {\"dns\": \"automatc\"}}, 7, {\"observations\": {\"netflix_outage\": true}}]";

        HttpCalls.Reply reply = http.post("/v1/diagnose/batch", JSON, batch);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode entries = reply.json();
        assertThat(entries).hasSize(4);
        assertThat(entries.get(0).at("/diagnosis/next_fix/id").asText()).isEqualTo("disable_vpn_proxy");
        assertThat(entries.get(0).get("errors")).isEmpty();
        assertThat(entries.get(1).get("diagnosis").isNull()).isTrue();
        assertThat(entries.get(1).at("/errors/0/message").asText()).startsWith("<request>[1]: network.dns: ");
        assertThat(entries.get(2).at("/errors/0/message").asText()).startsWith("<request>[2]: ").contains("not a number");
        assertThat(entries.get(3).at("/diagnosis/causes/0/id").asText()).isEqualTo("netflix_outage");
        assertThat(entries.get(0).at("/diagnosis/questions").isNull()).as("a batch takes the fast path").isTrue();
    }

    @Test
    void aBatchMustBeAJsonListOfBoundedLength() {
        assertError(http.post("/v1/diagnose/batch", JSON, "{}"), 400, "a batch must be a JSON list");
        assertError(http.post("/v1/diagnose/batch", YAML, "- {}\n"), 415, "a batch is a JSON list");
        String tooMany = "[" + String.join(",", java.util.Collections.nCopies(DiagnoseEndpoint.MAX_BATCH + 1, "{}")) + "]";
        assertError(http.post("/v1/diagnose/batch", JSON, tooMany), 400, "at most " + DiagnoseEndpoint.MAX_BATCH);
    }

    @Test
    void theCaseRouteTurnsYamlIntoJsonAndBackAfterCheckingIt() throws IOException {
        String yaml = Files.readString(Path.of("facts/escalate-network.yaml"));

        HttpCalls.Reply asJson = http.post("/v1/case", YAML, yaml);
        assertThat(asJson.status()).isEqualTo(200);
        assertThat(asJson.json().at("/network/isp").asText()).isEqualTo("Acme Broadband");
        assertThat(asJson.json().at("/tried/0/result").asText()).isEqualTo("failed");

        HttpCalls.Reply backToYaml = http.post("/v1/case", JSON, asJson.body());
        assertThat(backToYaml.status()).isEqualTo(200);
        assertThat(backToYaml.contentType()).startsWith(YAML);
        assertThat(http.post("/v1/diagnose", YAML, backToYaml.body()).json())
                .as("the saved file diagnoses as the original").isEqualTo(cliJson(Path.of("facts/escalate-network.yaml")));

        assertError(http.post("/v1/case", YAML, TYPO), 400, "<request>:2:8: network.dns");
        assertError(http.post("/v1/case", JSON, "{\"tried\": [{\"fix\": \"reboot\"}]}"), 400, "tried[0]");
    }

    @Test
    void knowledgeListsWhatTheLoadedRulesKnow() {
        HttpCalls.Reply reply = http.get("/v1/knowledge");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode knowledge = reply.json();
        var loaded = troubleshooter.knowledgeBase().knowledge();
        assertThat(knowledge.get("error_codes")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(loaded.errorCodes());
        assertThat(knowledge.get("causes").findValuesAsText("id")).containsExactlyElementsOf(loaded.causes().keySet());
        assertThat(knowledge.get("fixes").findValuesAsText("id")).containsExactlyElementsOf(loaded.fixes().keySet());
        assertThat(knowledge.at("/fixes/0/steps/default")).isNotEmpty();
        assertThat(knowledge.get("questions").findValuesAsText("fact"))
                .containsExactlyElementsOf(troubleshooter.knowledgeBase().questionTexts().byFact().keySet())
                .contains("network.vpn_active");
        assertThat(knowledge.at("/questions/0/text").asText()).isNotBlank();
        assertThat(knowledge.get("loaded_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(knowledge.get("rules_version").asText()).isEqualTo(troubleshooter.knowledgeBase().version()).hasSize(64);
        assertThat(knowledge.get("last_reload_error").isNull()).isTrue();
    }

    @Test
    void healthIsReadyWhileRulesAreLoaded() {
        HttpCalls.Reply reply = http.get("/health");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("status").asText()).isEqualTo("ready");
        assertThat(reply.json().get("rules_version").asText()).isEqualTo(troubleshooter.knowledgeBase().version());
    }

    @Test
    void untilTheRulesAreLoadedHealthAndDiagnosesAre503() {
        LiveRules rules = new LiveRules();
        try (StreamfixServer starting = StreamfixServer.start(rules, "127.0.0.1", 0)) {
            HttpCalls calls = new HttpCalls(starting.address());

            HttpCalls.Reply health = calls.get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asText()).isEqualTo("loading");
            assertError(calls.post("/v1/diagnose", YAML, "{}"), 503, "the rules are still loading");
            assertError(calls.get("/v1/knowledge"), 503, "the rules are still loading");

            rules.loaded(troubleshooter);
            assertThat(calls.get("/health").status()).isEqualTo(200);
            assertThat(calls.post("/v1/diagnose", YAML, "{}").status()).isEqualTo(200);
        }
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405() {
        assertError(http.get("/v2/diagnose"), 404, "no such route: GET /v2/diagnose");
        assertError(http.get("/v2/diagnose"), 404, "POST /v1/diagnose");
        assertError(http.get("/v1/diagnose"), 405, "GET is not allowed on /v1/diagnose: use POST");
        assertError(http.send(HttpRequest.newBuilder(server.address().resolve("/health"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody())), 405, "use GET");
    }

    /** Issue 16, item 11: a 405 carries Allow, as HTTP asks. */
    @Test
    void aWrongMethodSaysWhichMethodIsAllowedInTheAllowHeader() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> get = client.send(HttpRequest.newBuilder(server.address().resolve("/v1/diagnose"))
                .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        java.net.http.HttpResponse<String> delete = client.send(HttpRequest.newBuilder(server.address().resolve("/health"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).hasValueSatisfying(v -> assertThat(v).contains("GET"));
    }

    @Test
    void aBodyOverTheCapIs413WhetherItsLengthIsDeclaredOrNot() {
        String big = "#".repeat((int) InputLimits.DEFAULT.maxFileBytes() + 1);
        assertError(http.post("/v1/diagnose", YAML, big), 413, "too large: at most " + InputLimits.DEFAULT.maxFileBytes());

        HttpRequest.Builder chunked = HttpRequest.newBuilder(server.address().resolve("/v1/diagnose"))
                .header("Content-Type", YAML)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())));
        assertError(http.send(chunked), 413, "too large");
        assertThat(http.post("/v1/diagnose", YAML, "# a comment\n{}\n").status()).as("a small body still passes").isEqualTo(200);
    }

    @Test
    void theLimitsAreThoseOfSymptomFilesAndTheSizeIsConfigurable() {
        String longModel = "{\"device\": {\"model\": \"" + "x".repeat(InputLimits.DEFAULT.maxStringLength() + 1) + "\"}}";
        assertError(http.post("/v1/diagnose", JSON, longModel), 400, "<request>:1:22: device.model: ");

        LiveRules rules = new LiveRules();
        rules.loaded(troubleshooter);
        try (StreamfixServer small = StreamfixServer.start(rules, "127.0.0.1", 0, InputLimits.DEFAULT.withMaxFileBytes(1024))) {
            HttpCalls calls = new HttpCalls(small.address());
            assertError(calls.post("/v1/diagnose", YAML, "#".repeat(1025)), 413, "at most 1024 bytes");
            assertError(calls.post("/v1/diagnose/batch", JSON, "[" + "{},".repeat(400) + "{}]"), 413, "at most 1024 bytes");
            assertThat(calls.post("/v1/diagnose", YAML, "#".repeat(1000) + "\n{}").status()).isEqualTo(200);
        }
    }

    @Test
    void aBodyThatIsNeitherJsonNorYamlIs415() {
        assertError(http.post("/v1/diagnose", "text/plain", "{}"), 415, "application/json or application/yaml");
        assertError(http.post("/v1/diagnose", null, "{}"), 415, "application/json or application/yaml");
    }

    @Test
    void thePageIsServedWithItsOwnFilesOnly() {
        HttpCalls.Reply page = http.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<script src=\"agent.js\"", "href=\"agent.css\"").doesNotContain("http://", "https://");
        assertThat(http.get("/agent.js").status()).isEqualTo(200);
        assertThat(http.get("/agent.css").status()).isEqualTo(200);
    }

    @Test
    void aRuleThatFailsIs500NamingTheRuleWithoutAStackTrace(@TempDir Path folder) throws IOException {
        ProjectRules.copyInto(folder);
        Files.writeString(folder.resolve("extra.drl"), """
                package streamfix;
                import io.streamfix.model.*;

                rule "Throws on a VPN"
                    ruleflow-group "evidence"
                when
                    Network( vpnActive == true )
                then
                    Object o = "text";
                    Integer i = (Integer) o;
                end
                """);
        LiveRules rules = new LiveRules();
        rules.loaded(Troubleshooter.load(folder));
        try (StreamfixServer faulty = StreamfixServer.start(rules, "127.0.0.1", 0)) {
            HttpCalls calls = new HttpCalls(faulty.address());

            assertError(calls.post("/v1/diagnose", YAML, "network: {vpn_active: true}"), 500, "rule \"Throws on a VPN\" failed");
            assertThat(calls.post("/v1/diagnose", YAML, "network: {vpn_active: false}").status()).isEqualTo(200);
            JsonNode batch = calls.post("/v1/diagnose/batch", JSON, "[{\"network\": {\"vpn_active\": true}}, {}]").json();
            assertThat(batch.at("/0/errors/0/message").asText()).contains("Throws on a VPN");
            assertThat(batch.at("/1/diagnosis/status").asText()).isEqualTo("in_progress");
        }
    }

    @Test
    void theServiceRefusesAPortInUse() {
        assertThatThrownBy(() -> StreamfixServer.start(new LiveRules(), "127.0.0.1", server.port()))
                .hasMessageContaining("already in use");
    }
}
