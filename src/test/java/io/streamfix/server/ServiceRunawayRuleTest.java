package io.streamfix.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamfix.ProjectRules;
import io.streamfix.Troubleshooter;
import io.streamfix.engine.TimeBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reloaded rule whose then-part never returns (issue 14, defect 2): the service answers 503 at the
 * time budget, sets the rule aside so that later cases reaching it get 503 at once, keeps answering the
 * cases that do not reach it, says {@code degraded} on {@code /health}, and is ready again once the
 * rule is fixed.
 */
class ServiceRunawayRuleTest {
    private static final String VPN_CASE = "{\"network\": {\"vpn_active\": true}}";
    /** Knows the VPN is off: neither the case nor the answers its questions try reach the rule. */
    private static final String DNS_CASE = "{\"network\": {\"vpn_active\": false, \"dns\": \"manual\"}}";
    /** The rule "Spins for ever on a VPN", whose then-part never returns on a case with a VPN on. */
    private static final String SPINS = "spins-on-vpn.drl";

    @TempDir
    Path folder;

    @Test
    void aRunawayRuleCostsOneWorkerAndTheServiceRecoversWhenItIsFixed() throws Exception {
        ProjectRules.copyInto(folder);
        LiveRules live = new LiveRules();
        ServiceLimits limits = ServiceLimits.DEFAULT.withTimeBudget(new TimeBudget(Duration.ofSeconds(2)));
        try (Troubleshooter watched = Troubleshooter.watch(folder, live);
             StreamfixServer server = StreamfixServer.start(live, ServiceOptions.loopback(0).withLimits(limits))) {
            live.loaded(watched);
            HttpCalls http = new HttpCalls(server.address());
            String good = http.get("/health").json().get("rules_version").asText();

            Files.writeString(folder.resolve("spins.drl"), ProjectRules.fault(SPINS));
            await(http, h -> !h.get("rules_version").asText().equals(good));

            long start = System.nanoTime();
            HttpCalls.Reply stuck = http.post("/v1/diagnose", "application/json", VPN_CASE);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(stuck.status()).isEqualTo(503);
            assertThat(stuck.json().at("/errors/0/message").asText())
                    .contains("time budget").contains("\"Spins for ever on a VPN\"");
            assertThat(seconds).as("seconds until the answer").isBetween(1.5, 20.0);

            HttpCalls.Reply again = http.post("/v1/diagnose", "application/json", VPN_CASE);
            assertThat(again.status()).isEqualTo(503);
            assertThat(again.json().at("/errors/0/message").asText()).contains("set aside");
            for (int i = 0; i < 20; i++) {
                assertThat(http.post("/v1/diagnose", "application/json", DNS_CASE).status())
                        .as("a case that does not reach the rule").isEqualTo(200);
            }
            JsonNode degraded = http.get("/health").json();
            assertThat(degraded.get("status").asText()).isEqualTo("degraded");
            assertThat(degraded.get("abandoned_workers").asInt()).isEqualTo(1);
            assertThat(degraded.get("reasons").toString()).contains("Spins for ever on a VPN");

            Files.delete(folder.resolve("spins.drl"));
            JsonNode ready = await(http, h -> h.get("status").asText().equals("ready"));
            assertThat(ready.get("rules_version").asText()).isEqualTo(good);
            assertThat(ready.get("reasons").toString()).contains("abandoned");
            assertThat(http.post("/v1/diagnose", "application/json", VPN_CASE).status()).isEqualTo(200);
        }
    }

    private static JsonNode await(HttpCalls http, Predicate<JsonNode> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = http.get("/health").json();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not seen within 90 s on /health; last answer: " + last);
    }
}
