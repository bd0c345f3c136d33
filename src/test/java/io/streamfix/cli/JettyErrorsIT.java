package io.streamfix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Jetty answers before any of the service's handlers (issue 14, defect 11): a request that is not
 * HTTP, headers too large, an HTTP version it does not speak, a broken body encoding. Each answer is
 * the service's JSON error, {@code {"errors": [{"message": ...}]}}, in plain words, never Jetty's HTML
 * page. Sent byte by byte over a raw socket to a {@code streamfix serve} process, as a broken client
 * or a scanner sends them.
 */
class JettyErrorsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static ServiceProcess service;

    @BeforeAll
    static void start() throws IOException {
        service = ServiceProcess.start(dir.resolve("serve.err"), "--port", "0");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        service.close();
    }

    @Test
    void aRequestLineThatIsNotHttpIsAJsonError() throws Exception {
        // Two words and no version: Jetty reads an HTTP/0.9 request, a version it does not speak.
        Answer answer = send("HELLO THERE\r\n\r\n");

        answer.isJsonError(505, "HTTP version");
    }

    @Test
    void aMalformedHeaderLineIs400() throws Exception {
        Answer answer = send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon in this header\r\n\r\n");

        answer.isJsonError(400, "not valid HTTP");
    }

    @Test
    void headersLargerThanTheLimitAre431() throws Exception {
        Answer answer = send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(64 * 1024)
                + "\r\nConnection: close\r\n\r\n");

        answer.isJsonError(431, "headers are too large");
    }

    @Test
    void anHttpVersionItDoesNotSpeakIs505() throws Exception {
        Answer answer = send("GET /health HTTP/1.9\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        answer.isJsonError(505, "HTTP version");
    }

    @Test
    void aRequestLineLongerThanTheLimitIs414() throws Exception {
        Answer answer = send("GET /" + "a".repeat(64 * 1024) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        answer.isJsonError(414, "too long");
    }

    @Test
    void aContentLengthThatIsNotANumberIs400() throws Exception {
        Answer answer = send("POST /v1/diagnose HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: lots\r\nConnection: close\r\n\r\n{}");

        answer.isJsonError(400, "not valid HTTP");
    }

    @Test
    void aBrokenChunkedBodyIs400() throws Exception {
        Answer answer = send("POST /v1/diagnose HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n");

        answer.isJsonError(400, "the request body is not valid HTTP");
    }

    @Test
    void methodsJettyAnswersWithoutABodyGetTheJsonError() throws Exception {
        Answer optionsStar = send("OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        Answer http2 = send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

        optionsStar.isJsonError(404, "no such route");
        http2.isJsonError(426, "use HTTP/1.1");
    }

    @Test
    void anExpectationItDoesNotMeetIs417() throws Exception {
        Answer answer = send("POST /v1/diagnose HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: something-odd\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");

        answer.isJsonError(417, "Expect header");
    }

    @Test
    void aPathWithAnEncodedSlashOrBadEscapeIsAJsonError() throws Exception {
        Answer ambiguous = send("GET /v1/..%2F..%2Fetc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        Answer badEscape = send("GET /v1/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        ambiguous.isJsonError(404, "no such route");
        badEscape.isJsonError(400, "not valid HTTP");
    }

    @Test
    void theServiceStillAnswersAfterwards() throws Exception {
        send("HELLO THERE\r\n\r\n");

        assertThat(service.get("/health").status()).isEqualTo(200);
    }

    /** A raw answer: its status line, headers and body. */
    private record Answer(String raw) {
        void isJsonError(int status, String inMessage) throws IOException {
            assertThat(raw).as("the answer").startsWith("HTTP/1.1 " + status + " ");
            int end = raw.indexOf("\r\n\r\n");
            assertThat(end).as("the end of the headers in: %s", raw).isPositive();
            String headers = raw.substring(0, end).toLowerCase(java.util.Locale.ROOT);
            String body = raw.substring(end + 4);
            assertThat(headers).contains("content-type: application/json");
            assertThat(body).doesNotContain("<html").doesNotContain("<h2").doesNotContain("org.eclipse")
                    .doesNotContain("Exception");
            JsonNode json = JSON.readTree(body);
            assertThat(json.at("/errors/0/message").asText()).isNotBlank().contains(inMessage);
            assertThat(json.fieldNames()).toIterable().containsExactly("errors");
        }
    }

    private static Answer send(String request) throws IOException {
        try (Socket socket = new Socket(service.address().getHost(), service.address().getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                // the service may answer and close before a large request is all sent; read what it said
            }
            return new Answer(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
