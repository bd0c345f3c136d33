package io.streamfix.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamfix.Troubleshooter;
import io.streamfix.input.InputLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /v1/case} converts losslessly (issue 14, defect 6): free text stays the text written,
 * YAML's special floats are text too, and what {@code /v1/diagnose} accepts under a raised limit,
 * {@code /v1/case} accepts.
 */
class CaseRoundTripTest {
    private static StreamfixServer server;
    private static HttpCalls http;

    @BeforeAll
    static void start() {
        LiveRules rules = new LiveRules();
        rules.loaded(Troubleshooter.load(Path.of("rules")));
        server = StreamfixServer.start(rules, ServiceOptions.loopback(0)
                .withInputLimits(InputLimits.DEFAULT.withMaxFileBytes(8L << 20)));
        http = new HttpCalls(server.address());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void freeTextStaysTheTextThatWasWritten() {
        HttpCalls.Reply reply = http.post("/v1/case", "application/yaml",
                "device:\n  model: 0x1F\nnetwork:\n  isp: 012\n");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.at("/device/model").asText()).isEqualTo("0x1F");
        assertThat(json.at("/network/isp").asText()).isEqualTo("012");
        HttpCalls.Reply back = http.post("/v1/case", "application/json", json.toString());
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.body()).contains("0x1F").contains("012");
    }

    @Test
    void yamlsSpecialFloatsAreTextNotAServerError() {
        for (String value : new String[] {".inf", ".NaN", "-.inf"}) {
            HttpCalls.Reply reply = http.post("/v1/case", "application/yaml", "network:\n  isp: " + value + "\n");
            assertThat(reply.status()).as(value).isEqualTo(200);
            assertThat(reply.json().at("/network/isp").asText()).as(value).isEqualTo(value);
        }
    }

    @Test
    void aLargeDocumentThatDiagnoseAcceptsIsAcceptedToo() {
        String large = "device:\n  model: phone\n" + "# padding\n".repeat(400_000); // about 4 MB
        assertThat(http.post("/v1/diagnose?questions=false", "application/yaml", large).status()).isEqualTo(200);

        HttpCalls.Reply reply = http.post("/v1/case", "application/yaml", large);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().at("/device/model").asText()).isEqualTo("phone");
    }
}
