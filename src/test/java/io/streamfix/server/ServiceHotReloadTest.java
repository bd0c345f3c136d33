package io.streamfix.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamfix.ProjectRules;
import io.streamfix.Troubleshooter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watched rules folder while requests run: a good edit is live on a following request, a bad one is
 * reported in {@code /v1/knowledge} while the last good rules keep answering, and no request fails.
 */
class ServiceHotReloadTest {
    private static final String OLD_TITLE = "title: Turn off VPNs, proxies and Smart DNS services";
    private static final String NEW_TITLE = "title: Turn off the VPN and the proxy";

    @TempDir
    Path folder;

    /** Clients posting cases without pause, recording every answer that is not a 200. */
    private static final class Traffic implements AutoCloseable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger answered = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final ExecutorService clients = Executors.newFixedThreadPool(2);

        Traffic(HttpCalls http) {
            for (int i = 0; i < 2; i++) {
                clients.submit(() -> {
                    while (running.get()) {
                        try {
                            HttpCalls.Reply reply = http.post("/v1/diagnose", "application/json", "{\"network\": {\"vpn_active\": true}}");
                            if (reply.status() != 200) {
                                failures.add(reply.status() + " " + reply.body());
                            }
                        } catch (RuntimeException e) {
                            failures.add(e.toString());
                        }
                        answered.incrementAndGet();
                    }
                });
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static JsonNode awaitJson(HttpCalls http, String path, Predicate<JsonNode> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = path.equals("/v1/diagnose")
                    ? http.post(path, "application/yaml", "{}").json()
                    : http.get(path).json();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not seen within 90 s on " + path + "; last answer: " + last);
    }

    @Test
    void editsToTheRulesFolderAreLiveWhileRequestsRunAndABadEditKeepsTheLastGoodRules() throws Exception {
        ProjectRules.copyInto(folder);
        LiveRules live = new LiveRules();
        try (Troubleshooter watched = Troubleshooter.watch(folder, live);
             StreamfixServer server = StreamfixServer.start(live, "127.0.0.1", 0)) {
            live.loaded(watched);
            HttpCalls http = new HttpCalls(server.address());
            JsonNode before = http.get("/v1/knowledge").json();
            Traffic traffic = new Traffic(http);
            try {
                Path knowledge = folder.resolve("knowledge.yaml");
                Files.writeString(knowledge, Files.readString(knowledge).replace(OLD_TITLE, NEW_TITLE));

                awaitJson(http, "/v1/diagnose", d -> d.at("/next_fix/title").asText().equals("Turn off the VPN and the proxy"));
                JsonNode reloaded = http.get("/v1/knowledge").json();
                assertThat(reloaded.get("rules_version").asText()).isNotEqualTo(before.get("rules_version").asText());
                assertThat(reloaded.get("loaded_at").asText()).isNotEqualTo(before.get("loaded_at").asText());
                assertThat(reloaded.get("last_reload_error").isNull()).isTrue();

                Files.writeString(folder.resolve("broken.drl"), """
                        package streamfix;
                        rule "Broken"
                        when
                            Network( vpnActive == )
                        then
                        end
                        """);
                JsonNode failed = awaitJson(http, "/v1/knowledge", k -> !k.get("last_reload_error").isNull());
                assertThat(failed.at("/last_reload_error/errors/0").asText()).contains("broken.drl:4");
                assertThat(failed.get("rules_version")).isEqualTo(reloaded.get("rules_version"));
                assertThat(http.post("/v1/diagnose", "application/yaml", "{}").json().at("/next_fix/title").asText())
                        .as("the last good rules keep answering").isEqualTo("Turn off the VPN and the proxy");
                assertThat(http.get("/health").status()).isEqualTo(200);

                Files.delete(folder.resolve("broken.drl"));
                awaitJson(http, "/v1/knowledge", k -> k.get("last_reload_error").isNull());

                // Issue 16, item 4: rules that compile but that check rejects are not hot-loaded either.
                Path evidence = folder.resolve("evidence.drl");
                String good = Files.readString(evidence);
                String edited = good.replace("    Network( vpnActive == true )\n",
                        "    Network( vpnActive == true )\n    not Evidence( cause == \"vpn_or_proxi\" )\n");
                assertThat(edited).isNotEqualTo(good);
                Files.writeString(evidence, edited);
                JsonNode misspelt = awaitJson(http, "/v1/knowledge", k -> !k.get("last_reload_error").isNull());
                assertThat(misspelt.at("/last_reload_error/errors/0").asText())
                        .contains("evidence.drl:", "cause \"vpn_or_proxi\" is not in knowledge.yaml");
                assertThat(misspelt.get("rules_version")).isEqualTo(reloaded.get("rules_version"));
                Files.writeString(evidence, good);
                awaitJson(http, "/v1/knowledge", k -> k.get("last_reload_error").isNull());
            } finally {
                traffic.close();
            }
            assertThat(traffic.failures).as("requests that failed during the reloads").isEmpty();
            assertThat(traffic.answered.get()).as("requests answered during the reloads").isGreaterThan(10);
        }
    }
}
