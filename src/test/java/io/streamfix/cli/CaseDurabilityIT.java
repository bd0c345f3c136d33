package io.streamfix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamfix.cases.CaseRecord;
import io.streamfix.cases.CaseStep;
import io.streamfix.cases.CaseStore;
import io.streamfix.cases.TestPostgres;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing a {@code serve --cases} process acknowledged is lost: real processes through the launcher, killed
 * with SIGKILL right after a 2xx; and two processes recording into one store at once (a SQLite file, a
 * PostgreSQL database) from 8 client threads, with retries sent to the other process, keep every step once.
 */
class CaseDurabilityIT {
    private static final Pattern ADDRESS = Pattern.compile("at (http://\\S+/) ");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    record Service(Process process, URI address) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static Service serve(Path err, String cases) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", "streamfix", "serve", "--port", "0", "--cases", cases)
                .redirectError(err.toFile());
        builder.environment().remove("STREAMFIX_RULES");
        Process process = builder.start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(line).as("the first line of stdout (stderr: %s)", err).isNotNull();
        Matcher address = ADDRESS.matcher(line);
        assertThat(address.find()).as(line).isTrue();
        assertThat(line).contains("cases kept in");
        return new Service(process, URI.create(address.group(1)));
    }

    private JsonNode post(URI base, String path, String body, String requestId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (requestId != null) {
            request.header("Idempotency-Key", requestId);
        }
        HttpResponse<String> reply = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isBetween(200, 201);
        return JSON.readTree(reply.body());
    }

    private static String attempt(int i) {
        String[] fixes = {"restart_network", "clear_app_data", "change_dns", "update_software"};
        return "{\"kind\": \"fix\", \"fix\": \"" + fixes[i % fixes.length] + "\", \"result\": \"failed\", \"minutes\": " + i + "}";
    }

    @Test
    void killingTheServerRightAfterA2xxLosesNothing(@TempDir Path dir) throws Exception {
        String db = dir.resolve("cases.db").toString();
        List<String> acknowledged = new ArrayList<>();
        String id;
        Service first = serve(dir.resolve("first.err"), db);
        try {
            id = post(first.address(), "/v1/cases", "{\"network\": {\"vpn_active\": true}}", "open").at("/case/id").asText();
            for (int i = 0; i < 20; i++) {
                post(first.address(), "/v1/cases/" + id + "/steps", attempt(i), "step-" + i);
                acknowledged.add("step-" + i);
            }
        } finally {
            first.process().destroyForcibly(); // SIGKILL, at once after the last 2xx
            first.process().waitFor(30, TimeUnit.SECONDS);
        }
        try (CaseStore store = CaseStore.open(db)) {
            CaseRecord kept = store.find(id).orElseThrow();
            assertThat(kept.steps()).extracting(CaseStep::requestId).containsExactlyElementsOf(acknowledged);
            assertThat((List<?>) kept.document().get("tried")).hasSize(20);
        }
        // A new process carries on where the killed one stopped; a retry of the last step counts once.
        try (Service second = serve(dir.resolve("second.err"), db)) {
            JsonNode retried = post(second.address(), "/v1/cases/" + id + "/steps", attempt(19), "step-19");
            assertThat(retried.at("/duplicate").asBoolean()).isTrue();
            JsonNode next = post(second.address(), "/v1/cases/" + id + "/steps", attempt(20), "step-20");
            assertThat(next.at("/step/seq").asInt()).isEqualTo(21);
        }
    }

    @Test
    void twoServeProcessesOnOneSqliteFileLoseAndDuplicateNothing(@TempDir Path dir) throws Exception {
        twoProcessesRecordAtOnce(dir, dir.resolve("cases.db").toString());
    }

    @Test
    void twoServeProcessesOnOnePostgresDatabaseLoseAndDuplicateNothing(@TempDir Path dir) throws Exception {
        twoProcessesRecordAtOnce(dir, TestPostgres.freshDatabase());
    }

    /**
     * 8 threads, 4 on each process, record on one shared case and on a case of their own; every step is
     * also sent a second time to the other process (a client retrying through the load balancer).
     */
    private void twoProcessesRecordAtOnce(Path dir, String cases) throws Exception {
        try (Service a = serve(dir.resolve("a.err"), cases)) {
            try (Service b = serve(dir.resolve("b.err"), cases)) {
                URI[] services = {a.address(), b.address()};
                String shared = post(a.address(), "/v1/cases", "{}", null).at("/case/id").asText();
                int threads = 8;
                int perThread = 10;
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                List<Future<String>> own = new ArrayList<>();
                try {
                    for (int t = 0; t < threads; t++) {
                        int thread = t;
                        own.add(pool.submit(() -> {
                            URI mine = services[thread % 2];
                            URI other = services[(thread + 1) % 2];
                            String id = post(mine, "/v1/cases", "{}", "open-" + thread).at("/case/id").asText();
                            for (int i = 0; i < perThread; i++) {
                                for (String kase : List.of(shared, id)) {
                                    String request = kase + "-" + thread + "-" + i;
                                    post(mine, "/v1/cases/" + kase + "/steps", attempt(i), request);
                                    assertThat(post(other, "/v1/cases/" + kase + "/steps", attempt(i), request)
                                            .at("/duplicate").asBoolean()).isTrue();
                                }
                            }
                            return id;
                        }));
                    }
                    List<String> ids = new ArrayList<>();
                    for (Future<String> f : own) {
                        ids.add(f.get(5, TimeUnit.MINUTES));
                    }
                    try (CaseStore store = CaseStore.open(cases)) {
                        CaseRecord all = store.find(shared).orElseThrow();
                        assertThat(all.steps()).hasSize(threads * perThread);
                        Set<String> requests = new HashSet<>();
                        all.steps().forEach(s -> requests.add(s.requestId()));
                        assertThat(requests).hasSize(threads * perThread);
                        assertThat((List<?>) all.document().get("tried")).hasSize(threads * perThread);
                        for (String id : ids) {
                            assertThat(store.find(id).orElseThrow().steps()).extracting(CaseStep::seq)
                                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, perThread).boxed().toList());
                        }
                        assertThat(store.list(io.streamfix.cases.CaseQuery.all()).cases()).hasSize(threads + 1);
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }
}
