package io.streamfix.server;

import io.streamfix.Troubleshooter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On loopback, a DNS-rebinding page cannot read the service (issue 14, defect 11): a Host that does not
 * name this machine or a foreign Origin gets 403; and no absolute server path is in an answer unless
 * asked for.
 */
class LoopbackGuardTest {
    private static StreamfixServer server;

    @BeforeAll
    static void start() {
        LiveRules rules = new LiveRules();
        rules.loaded(Troubleshooter.load(Path.of("rules").toAbsolutePath()));
        server = StreamfixServer.start(rules, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aRebindingPagesHostIsRefused() throws Exception {
        String answer = raw("GET /v1/knowledge HTTP/1.1\r\nHost: attacker.example:" + server.port() + "\r\n"
                + "Connection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 403").contains("application/json").contains("DNS rebinding")
                .doesNotContain("error_codes");
    }

    @Test
    void aForeignOriginIsRefusedAndTheAgentPagesOwnIsNot() throws Exception {
        String body = "{\"network\": {\"vpn_active\": true}}";
        String foreign = raw("POST /v1/diagnose HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n"
                + "Origin: http://attacker.example\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        String own = raw("POST /v1/diagnose HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\n"
                + "Origin: http://localhost:" + server.port() + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body);

        assertThat(foreign).startsWith("HTTP/1.1 403").contains("attacker.example");
        assertThat(own).startsWith("HTTP/1.1 200");
    }

    @Test
    void theRulesFolderIsNamedWithoutItsAbsolutePathUnlessAskedFor() {
        HttpCalls http = new HttpCalls(server.address());
        String folder = Path.of("rules").toAbsolutePath().toString();

        assertThat(http.get("/v1/knowledge").json().get("rules_folder").asText()).isEqualTo("rules");
        assertThat(http.get("/v1/knowledge").body()).doesNotContain(folder);
        assertThat(http.get("/v1/knowledge?paths=full").json().get("rules_folder").asText()).isEqualTo(folder);
    }

    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
