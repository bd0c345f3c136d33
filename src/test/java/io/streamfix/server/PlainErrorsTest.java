package io.streamfix.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamfix.Troubleshooter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's 400s for odd bodies (issue 14, defect 11) say what is wrong in plain words, never a
 * Java type, a Jackson feature or a class name; a number too large to be one (1e400) is a located
 * error, not "Infinity".
 */
class PlainErrorsTest {
    /** What must never reach a caller: Java packages, exception names, Jackson's own vocabulary. */
    static final Pattern JAVA_WORDS = Pattern.compile(
            "com\\.fasterxml|java\\.|javax\\.|org\\.eclipse|org\\.yaml|io\\.streamfix|Exception|JsonNode|"
                    + "StreamRead|Deserialization|`|\\$[A-Z]|Infinity");

    private static StreamfixServer server;
    private static HttpCalls http;

    @BeforeAll
    static void start() {
        LiveRules rules = new LiveRules();
        rules.loaded(Troubleshooter.load(Path.of("rules")));
        server = StreamfixServer.start(rules, "127.0.0.1", 0);
        http = new HttpCalls(server.address());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void oddJsonBodiesGet400InPlainWords() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("{\"device\": {\"model\": \"x\"}} xyz", "not valid JSON: Unrecognized token 'xyz'");
        bodies.put("{\"device\": {\"model\": \"x\"}} {}", "more follows the end of the document");
        bodies.put("{\"device\": {\"model\": " + "9".repeat(1200) + "}}", "too many digits");
        bodies.put("[".repeat(3000) + "]".repeat(3000), "nested too deeply");
        bodies.put("{\"device\": {\"model\": \"a\", \"model\": \"b\"}}", "duplicate key \"model\"");
        bodies.put("{\"device\": {\"model\": \"x", "ends too soon");
        bodies.put("{\"device\": {model: 1}}", "not valid JSON");
        bodies.put("{\"device\": {\"model\": NaN}}", "not valid JSON");
        bodies.put("{\"device\": 12}", "device: expected a mapping of fields");
        bodies.put("{\"device\": {\"type\": [\"phone\", [\"tv\"]]}}", "device.type: expected one of");
        bodies.put("{\"network\": {\"vpn_active\": {\"a\": 1}}}", "network.vpn_active: expected true or false, got a mapping");
        bodies.put("[]", "must be a JSON object");
        bodies.put("\"text\"", "must be a JSON object");
        bodies.put("null", "must be a JSON object");
        bodies.put("", "the body is empty");
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            for (String route : new String[] {"/v1/diagnose", "/v1/case"}) {
                HttpCalls.Reply reply = http.post(route, "application/json", body.getKey());
                String shown = body.getKey().length() > 60 ? body.getKey().substring(0, 60) + "…" : body.getKey();
                assertThat(reply.status()).as("%s %s", route, shown).isEqualTo(400);
                assertThat(reply.json().at("/errors/0/message").asText()).as("%s %s", route, shown).contains(body.getValue());
                assertThat(reply.body()).as("%s %s", route, shown).doesNotContainPattern(JAVA_WORDS);
            }
        }
    }

    @Test
    void aNumberTooLargeToBeOneIsALocatedErrorNotInfinity() {
        HttpCalls.Reply model = http.post("/v1/diagnose", "application/json", "{\"device\":\n  {\"model\": 1e400}}");
        HttpCalls.Reply minutes = http.post("/v1/diagnose", "application/json",
                "{\"tried\": [{\"fix\": \"restart_network\", \"result\": \"failed\", \"minutes\": -1e400}]}");
        HttpCalls.Reply yaml = http.post("/v1/case", "application/yaml", "device:\n  model: 1.0e+400\n");

        JsonNode error = model.json().at("/errors/0");
        assertThat(model.status()).isEqualTo(400);
        assertThat(error.get("field").asText()).isEqualTo("device.model");
        assertThat(error.get("line").asInt()).isEqualTo(2);
        assertThat(error.get("column").asInt()).isEqualTo(13);
        assertThat(error.get("message").asText()).contains("expected text").contains("too large")
                .contains("write it in quotes");
        assertThat(minutes.status()).isEqualTo(400);
        assertThat(minutes.json().at("/errors/0/field").asText()).isEqualTo("tried[0].minutes");
        assertThat(minutes.json().at("/errors/0/message").asText()).contains("expected a number of minutes")
                .contains("too large").doesNotContain("seconds");
        assertThat(yaml.status()).isEqualTo(400);
        assertThat(yaml.json().at("/errors/0/message").asText())
                .isEqualTo("<request>:2:10: device.model: expected text, got 1.0e+400, a number too large to read "
                        + "(numbers go up to about 1.8e308) — if it is text, write it in quotes: \"1.0e+400\"");
        assertThat(model.body() + minutes.body() + yaml.body()).doesNotContainPattern(JAVA_WORDS);
    }

    @Test
    void jsonProblemsCarryTheLineAndColumnOfTheirField() {
        HttpCalls.Reply reply = http.post("/v1/diagnose", "application/json",
                "{\n  \"network\": {\n    \"dns\": \"automatc\"\n  }\n}");

        JsonNode error = reply.json().at("/errors/0");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(error.get("message").asText()).startsWith("<request>:3:12: network.dns: \"automatc\" is not one of");
        assertThat(error.get("line").asInt()).isEqualTo(3);
    }

    @Test
    void aBatchsOddEntriesAreAnsweredInPlainWords() {
        HttpCalls.Reply reply = http.post("/v1/diagnose/batch", "application/json",
                "[{\"device\": 1}, 5, {\"device\": {\"model\": 1e400}}, null, [], {}]");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).hasSize(6);
        assertThat(reply.json().get(5).get("diagnosis").isObject()).isTrue();
        assertThat(reply.json().get(2).at("/errors/0/message").asText()).contains("device.model").contains("too large");
        assertThat(reply.body()).doesNotContainPattern(JAVA_WORDS);
    }

    @Test
    void aBodyThatIsNotTextIsRefusedInPlainWords() {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        HttpCalls.Reply reply = http.post("/v1/diagnose", "application/json", new String(binary, java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).doesNotContainPattern(JAVA_WORDS);
    }
}
