package io.streamfix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code streamfix serve} as a person runs it: the launcher in a process of its own, then curl's request. */
class ServeIT {
    private static final Pattern ADDRESS = Pattern.compile("at (http://\\S+/) ");

    /** A running {@code streamfix serve}, its address and the file its stderr goes to. */
    record Service(Process process, URI address, Path err) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy(); // SIGTERM, as Ctrl-C or a service manager stops it
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static Process launch(Path err, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", "streamfix", "serve"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
        builder.environment().remove("STREAMFIX_RULES");
        return builder.start();
    }

    private static Service serve(Path err, String... args) throws IOException {
        Process process = launch(err, args);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine(); // blocks until the rules are loaded and the service says where it is
        assertThat(line).as("the first line of stdout (stderr: %s)", err).isNotNull();
        Matcher address = ADDRESS.matcher(line);
        assertThat(address.find()).as("the address in: " + line).isTrue();
        return new Service(process, URI.create(address.group(1)), err);
    }

    @Test
    void aSupportToolPostsASymptomFileAndGetsTheDiagnosis(@TempDir Path dir) throws Exception {
        Path err = dir.resolve("serve.err");
        try (Service service = serve(err, "--port", "0")) {
            assertThat(service.address().getHost()).as("loopback by default").isEqualTo("127.0.0.1");
            HttpClient client = HttpClient.newHttpClient();

            // The README's curl example.
            HttpResponse<String> reply = client.send(HttpRequest.newBuilder(service.address().resolve("/v1/diagnose"))
                    .header("Content-Type", "application/yaml")
                    .POST(HttpRequest.BodyPublishers.ofFile(Path.of("facts/vpn-active-phone.yaml"))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(reply.statusCode()).isEqualTo(200);
            JsonNode diagnosis = new ObjectMapper().readTree(reply.body());
            assertThat(diagnosis.at("/causes/0/id").asText()).isEqualTo("vpn_or_proxy");
            assertThat(diagnosis.at("/next_fix/id").asText()).isEqualTo("disable_vpn_proxy");
            assertThat(diagnosis.get("questions").isArray()).as("questions included, as diagnose gives them (none here: no answer saves minutes)").isTrue();
            HttpResponse<String> unknown = client.send(HttpRequest.newBuilder(service.address().resolve("/v1/diagnose"))
                    .header("Content-Type", "application/yaml")
                    .POST(HttpRequest.BodyPublishers.ofFile(Path.of("facts/nothing-known.yaml"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(new ObjectMapper().readTree(unknown.body()).at("/questions/0/answers"))
                    .as("questions included, as diagnose gives them").isNotEmpty();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(service.address()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).contains("<title>streamfix");
        }
        String log = Files.readString(err);
        assertThat(log).as("the service's own log").contains("rules loaded from");
        assertThat(log).as("no Javalin, Jetty or Drools chatter").doesNotContain("org.eclipse.jetty", "io.javalin", "org.drools", "Javalin");
    }

    @Test
    void bindingBeyondLoopbackWithoutTokensIsRefusedWithExitCode2(@TempDir Path dir) throws Exception {
        Path err = dir.resolve("serve.err");
        Process process = launch(err, "--port", "0", "--bind", "0.0.0.0");

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(Files.readString(err)).contains("error: listening on 0.0.0.0 makes the service reachable from other machines: "
                + "it needs API tokens (serve --tokens FILE").doesNotContain("\tat ");
    }

    @Test
    void bindingBeyondLoopbackWithTokensServes(@TempDir Path dir) throws Exception {
        Path tokens = dir.resolve("tokens.txt");
        ServiceProcess.newToken(tokens, "lan");
        try (Service service = serve(dir.resolve("serve.err"), "--port", "0", "--bind", "0.0.0.0", "--tokens", tokens.toString())) {
            assertThat(service.address().getHost()).isEqualTo("0.0.0.0");
        }
    }

    @Test
    void aPortInUseIsExitCode2(@TempDir Path dir) throws Exception {
        try (Service first = serve(dir.resolve("first.err"), "--port", "0")) {
            Path err = dir.resolve("second.err");
            Process second = launch(err, "--port", String.valueOf(first.address().getPort()));

            assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(Files.readString(err)).contains("error: cannot listen on 127.0.0.1:" + first.address().getPort())
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void aPortOutOfRangeIsExitCode2(@TempDir Path dir) throws Exception {
        Path err = dir.resolve("serve.err");
        Process process = launch(err, "--port", "70000");

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(Files.readString(err)).contains("--port': 70000 is not a TCP port");
    }

    @Test
    void rulesThatDoNotLoadAtStartupAreExitCode3(@TempDir Path dir) throws Exception {
        Path rules = Files.createDirectory(dir.resolve("rules"));
        Files.writeString(rules.resolve("knowledge.yaml"), "error_codes: [NSEZ-403]\n");
        Path err = dir.resolve("serve.err");
        Process process = launch(err, "--port", "0", "--rules", rules.toString());

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(ExitCode.RULES_BROKEN);
        assertThat(Files.readString(err)).contains("error: the rules cannot be loaded:", "knowledge.yaml").doesNotContain("\tat ");
    }
}
