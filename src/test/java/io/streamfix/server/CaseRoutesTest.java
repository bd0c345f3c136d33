package io.streamfix.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamfix.Troubleshooter;
import io.streamfix.cases.CaseStore;
import io.streamfix.cases.TcpProxy;
import io.streamfix.cases.TestPostgres;
import io.streamfix.input.InputLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The case routes of {@code serve --cases} over a real socket, on a SQLite file (and PostgreSQL for 503). */
class CaseRoutesTest {
    private static final String JSON = "application/json";

    @TempDir
    static Path folder;

    private static Troubleshooter troubleshooter;
    private static CaseStore store;
    private static StreamfixServer server;
    private static HttpCalls http;

    @BeforeAll
    static void start() {
        troubleshooter = Troubleshooter.load(Path.of("rules"));
        store = CaseStore.open(folder.resolve("cases.db").toString());
        server = StreamfixServer.start(loaded(), ServiceOptions.loopback(0).withInputLimits(InputLimits.DEFAULT.withMaxFileBytes(4096)), store);
        http = new HttpCalls(server.address());
    }

    private static LiveRules loaded() {
        LiveRules rules = new LiveRules();
        rules.loaded(troubleshooter);
        return rules;
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
    }

    private static HttpCalls.Reply post(HttpCalls calls, String path, String body, String requestId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(calls.base() + path.substring(1)))
                .header("Content-Type", JSON).POST(HttpRequest.BodyPublishers.ofString(body));
        if (requestId != null) {
            request.header("Idempotency-Key", requestId);
        }
        return calls.send(request);
    }

    /** Issue 13: the advice kept with a case and its steps has the diagnosis' own expected minutes. */
    @Test
    void theAdviceKeptHasTheExpectedMinutesOfTheDiagnosis() {
        HttpCalls.Reply opened = post(http, "/v1/cases", "{\"network\": {\"vpn_active\": true}}", null);
        JsonNode expected = opened.json().at("/diagnosis/expected_minutes");
        assertThat(expected.isNumber()).as(opened.body()).isTrue();
        assertThat(expected.asDouble()).isPositive();
        assertThat(opened.json().at("/case/advice/expected_minutes")).isEqualTo(expected);
        String steps = "/v1/cases/" + opened.json().at("/case/id").asText() + "/steps";

        HttpCalls.Reply failed = post(http, steps, "{\"kind\": \"fix\", \"fix\": \"disable_vpn_proxy\", \"result\": \"failed\"}", null);
        assertThat(failed.json().at("/step/advice/expected_minutes")).isEqualTo(failed.json().at("/diagnosis/expected_minutes"));
        assertThat(failed.json().at("/case/advice/expected_minutes")).isEqualTo(failed.json().at("/diagnosis/expected_minutes"));
        HttpCalls.Reply helped = post(http, steps, "{\"kind\": \"fix\", \"fix\": \"restart_network\", \"result\": \"helped\"}", null);
        assertThat(helped.json().at("/case/advice/expected_minutes").asDouble()).as("resolved").isZero();

        String usedUp = java.util.stream.Stream.of("restart_network", "disable_vpn_proxy", "clear_app_data", "change_dns",
                        "update_software", "check_service_status", "try_other_network", "contact_isp", "factory_reset_router")
                .map(fix -> "{\"fix\": \"" + fix + "\", \"result\": \"failed\"}").collect(java.util.stream.Collectors.joining(", "));
        HttpCalls.Reply escalated = post(http, "/v1/cases", "{\"tried\": [" + usedUp + "]}", null);
        assertThat(escalated.json().at("/case/status").asText()).as(escalated.body()).isEqualTo("escalated");
        assertThat(escalated.json().at("/case/advice/expected_minutes").asDouble()).as("the cost of escalating")
                .isPositive().isEqualTo(escalated.json().at("/diagnosis/expected_minutes").asDouble());
        assertThat(http.get("v1/cases/" + escalated.json().at("/case/id").asText()).json().at("/case/advice/expected_minutes"))
                .as("as kept").isEqualTo(escalated.json().at("/diagnosis/expected_minutes"));
    }

    @Test
    void aCaseIsOpenedStepByStepWithItsDiagnosisAndRetriedStepsCountOnce() {
        HttpCalls.Reply opened = post(http, "/v1/cases", "{\"network\": {\"vpn_active\": true}}", "open-a");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String id = opened.json().at("/case/id").asText();
        assertThat(opened.json().at("/diagnosis/next_fix/id").asText()).isEqualTo("disable_vpn_proxy");
        assertThat(opened.json().at("/diagnosis/questions").isArray()).isTrue();
        assertThat(opened.json().at("/case/status").asText()).isEqualTo("open");
        assertThat(post(http, "/v1/cases", "{\"network\": {\"vpn_active\": true}}", "open-a").json().at("/case/id").asText())
                .isEqualTo(id);

        String failed = "{\"kind\": \"fix\", \"fix\": \"disable_vpn_proxy\", \"result\": \"failed\", \"minutes\": 3, \"request_id\": \"s1\"}";
        HttpCalls.Reply first = post(http, "/v1/cases/" + id + "/steps", failed, null);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().at("/step/seq").asInt()).isEqualTo(1);
        assertThat(first.json().at("/diagnosis/next_fix/id").asText()).isNotEqualTo("disable_vpn_proxy");
        HttpCalls.Reply retried = post(http, "/v1/cases/" + id + "/steps", failed, null);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().at("/duplicate").asBoolean()).isTrue();
        assertThat(retried.json().at("/step")).isEqualTo(first.json().at("/step"));

        HttpCalls.Reply answered = post(http, "/v1/cases/" + id + "/steps",
                "{\"kind\": \"answer\", \"fact\": \"observations.netflix_outage\", \"answer\": false}", "s2");
        assertThat(answered.status()).as(answered.body()).isEqualTo(201);
        HttpCalls.Reply helped = post(http, "/v1/cases/" + id + "/steps",
                "{\"kind\": \"fix\", \"fix\": \"restart_network\", \"result\": \"helped\"}", "s3");
        assertThat(helped.json().at("/case/status").asText()).isEqualTo("resolved");
        assertThat(helped.json().at("/diagnosis/status").asText()).isEqualTo("resolved");
        HttpCalls.Reply undone = post(http, "/v1/cases/" + id + "/steps", "{\"kind\": \"undo\"}", "s4");
        assertThat(undone.json().at("/case/status").asText()).isEqualTo("open");

        HttpCalls.Reply shown = http.get("v1/cases/" + id);
        assertThat(shown.status()).isEqualTo(200);
        JsonNode kept = shown.json().at("/case");
        assertThat(kept.at("/steps")).hasSize(4);
        assertThat(kept.at("/steps/0/kind").asText()).isEqualTo("fix");
        assertThat(kept.at("/steps/0/minutes").asDouble()).isEqualTo(3.0);
        assertThat(kept.at("/steps/0/advice/rules_version").asText()).isEqualTo(troubleshooter.knowledgeBase().version());
        assertThat(kept.at("/steps/2/undone").asBoolean()).isTrue();
        assertThat(kept.at("/steps/3/undoes").asInt()).isEqualTo(3);
        assertThat(kept.at("/document/observations/netflix_outage").asBoolean(true)).isFalse();
        assertThat(shown.json().at("/diagnosis/status").asText()).isEqualTo("in_progress");
    }

    @Test
    void unknownCasesAre404AndBadStepsAre400WithTheFieldAndNothingIsKept() {
        assertThat(http.get("v1/cases/nosuchcase").status()).isEqualTo(404);
        HttpCalls.Reply missing = post(http, "/v1/cases/nosuchcase/steps", "{\"kind\": \"undo\"}", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().at("/errors/0/message").asText()).contains("no case has the id nosuchcase");

        String id = post(http, "/v1/cases", "{}", null).json().at("/case/id").asText();
        HttpCalls.Reply typo = post(http, "/v1/cases/" + id + "/steps",
                "{\"kind\": \"answer\", \"fact\": \"network.dns\", \"answer\": \"automatc\"}", null);
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().at("/errors/0/field").asText()).isEqualTo("network.dns");
        assertThat(typo.json().at("/errors/0/message").asText()).contains("did you mean automatic");
        HttpCalls.Reply unknownField = post(http, "/v1/cases/" + id + "/steps", "{\"kind\": \"fix\", \"fixx\": 1}", null);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().at("/errors/0/field").asText()).isEqualTo("fixx");
        HttpCalls.Reply badMinutes = post(http, "/v1/cases/" + id + "/steps",
                "{\"kind\": \"fix\", \"fix\": \"restart_network\", \"result\": \"failed\", \"minutes\": -2}", null);
        assertThat(badMinutes.json().at("/errors/0/field").asText()).isEqualTo("minutes");
        HttpCalls.Reply tooLong = post(http, "/v1/cases/" + id + "/steps",
                "{\"kind\": \"answer\", \"fact\": \"device.model\", \"answer\": \"" + "x".repeat(1500) + "\"}", null);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().at("/errors/0/message").asText()).contains("too long");
        assertThat(post(http, "/v1/cases/" + id + "/steps", "{\"kind\": \"answer\", \"fact\": \"device.model\", \"answer\": \""
                + "x".repeat(5000) + "\"}", null).status()).isEqualTo(413);
        assertThat(post(http, "/v1/cases/" + id + "/steps", "{\"kind\": \"undo\"}", null).status()).isEqualTo(409);
        assertThat(post(http, "/v1/cases/" + id + "/steps", "{\"kind\": \"abandon\"}", "x".repeat(300)).status()).isEqualTo(400);
        assertThat(http.get("v1/cases/" + id).json().at("/case/steps")).isEmpty();
    }

    @Test
    void casesArePagedByStatusAndTime() {
        for (int i = 0; i < 3; i++) {
            String id = post(http, "/v1/cases", "{}", null).json().at("/case/id").asText();
            post(http, "/v1/cases/" + id + "/steps", "{\"kind\": \"abandon\"}", null);
        }
        HttpCalls.Reply page = http.get("v1/cases?status=abandoned&limit=2&since=2020-01-01");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.json().at("/cases")).hasSize(2);
        String next = page.json().at("/next").asText();
        HttpCalls.Reply rest = http.get("v1/cases?status=abandoned&limit=2&after=" + next);
        assertThat(rest.json().at("/cases")).hasSize(1);
        assertThat(rest.json().at("/next").isNull()).isTrue();
        assertThat(http.get("v1/cases?status=lost").status()).isEqualTo(400);
        assertThat(http.get("v1/cases?since=yesterday").json().at("/errors/0/message").asText()).contains("not a time");
        assertThat(http.get("v1/cases?since=2999-01-01").json().at("/cases")).isEmpty();
    }

    @Test
    void whileThePostgresDatabaseIsDownTheCaseRoutesAre503AndDiagnosesGoOn() throws Exception {
        String database = TestPostgres.freshDatabase();
        int port = Integer.parseInt(database.replaceFirst("^jdbc:postgresql://[^:/]+:(\\d+)/.*$", "$1"));
        try (TcpProxy proxy = new TcpProxy(port)) {
            String viaProxy = database.replaceFirst(":" + port + "/", ":" + proxy.port() + "/");
            try (CaseStore postgres = CaseStore.open(viaProxy);
                 StreamfixServer shared = StreamfixServer.start(loaded(), ServiceOptions.loopback(0), postgres)) {
                HttpCalls calls = new HttpCalls(shared.address());
                String id = post(calls, "/v1/cases", "{}", null).json().at("/case/id").asText();

                proxy.cut();
                HttpCalls.Reply down = post(calls, "/v1/cases/" + id + "/steps", "{\"kind\": \"abandon\"}", "during");
                assertThat(down.status()).as(down.body()).isEqualTo(503);
                assertThat(down.json().at("/errors/0/message").asText())
                        .contains("cannot be used right now").contains("POST /v1/diagnose keeps working");
                assertThat(calls.get("v1/cases/" + id).status()).isEqualTo(503);
                assertThat(calls.post("v1/diagnose", JSON, "{\"network\": {\"vpn_active\": true}}").status()).isEqualTo(200);

                proxy.restore();
                HttpCalls.Reply back = post(calls, "/v1/cases/" + id + "/steps", "{\"kind\": \"abandon\"}", "during");
                assertThat(back.status()).as(back.body()).isEqualTo(201);
                assertThat(calls.get("v1/cases/" + id).json().at("/case/steps")).hasSize(1);
            }
        }
    }
}
