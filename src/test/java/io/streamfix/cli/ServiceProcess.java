package io.streamfix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code streamfix serve} in a process of its own, started by the launcher as a person starts it, and
 * called over HTTP on loopback as a support tool calls it (with a token when given one).
 */
final class ServiceProcess implements AutoCloseable {
    private static final Pattern ADDRESS = Pattern.compile("at (http://\\S+/) ");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** An answer: status, headers, body. */
    record Reply(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final Process process;
    private final URI address;
    private final Path err;
    private String token;

    private ServiceProcess(Process process, URI address, Path err) {
        this.process = process;
        this.address = address;
        this.err = err;
    }

    /** Starts {@code streamfix serve ARGS} and waits until it says where it serves. */
    static ServiceProcess start(Path err, String... args) throws IOException {
        Process process = launch(err, args);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine(); // blocks until the rules are loaded and the service says where it is
        assertThat(line).as("the first line of stdout (stderr: %s)", err).isNotNull();
        Matcher matcher = ADDRESS.matcher(line);
        assertThat(matcher.find()).as("the address in: " + line).isTrue();
        return new ServiceProcess(process, URI.create(matcher.group(1).replace("0.0.0.0", "127.0.0.1")), err);
    }

    /** Calls a service that runs in this JVM (its process is this one: close() stops nothing). */
    static ServiceProcess client(URI address) {
        return new ServiceProcess(null, address, null);
    }

    /** Starts {@code streamfix serve ARGS} without waiting: for the ones that must not start. */
    static Process launch(Path err, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", "streamfix", "serve"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
        builder.environment().remove("STREAMFIX_RULES");
        return builder.start();
    }

    /** Makes a token with {@code streamfix token} into {@code file}, as an operator does. */
    static String newToken(Path file, String name) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "streamfix", "token", "--file", file.toString(), "--name", name)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String token = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return token;
    }

    URI address() {
        return address;
    }

    Path err() {
        return err;
    }

    /** From now on, calls send {@code Authorization: Bearer token} ({@code null}: none). */
    ServiceProcess withToken(String token) {
        this.token = token;
        return this;
    }

    Reply get(String path, String... headers) {
        return send(HttpRequest.newBuilder(address.resolve(path)).GET(), headers);
    }

    Reply post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(address.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request, headers);
    }

    Reply send(HttpRequest.Builder request, String... headers) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops it as Ctrl-C or a service manager does. */
    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
