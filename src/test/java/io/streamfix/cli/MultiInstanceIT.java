package io.streamfix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamfix.ProjectRules;
import io.streamfix.cases.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.streamfix.cli.ServeOperationsIT.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several instances behind one load balancer: two {@code streamfix serve} processes on loopback that
 * share nothing but the rules folder and the token file (and, to keep cases, one PostgreSQL database).
 * A case is walked by calling them in turn, as a balancer would send its requests, and every answer is
 * the one the other instance gives.
 */
class MultiInstanceIT {
    private static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void anyInstanceServesAnyRequestOfACase(@TempDir Path dir) throws Exception {
        Path rules = ProjectRules.copyInto(dir.resolve("rules"));
        Path tokens = dir.resolve("tokens.txt");
        String token = ServiceProcess.newToken(tokens, "balancer");
        String[] shared = {"--port", "0", "--rules", rules.toString(), "--tokens", tokens.toString()};
        try (ServiceProcess a = ServiceProcess.start(dir.resolve("a.err"), shared).withToken(token);
             ServiceProcess b = ServiceProcess.start(dir.resolve("b.err"), shared).withToken(token)) {
            assertThat(a.address()).isNotEqualTo(b.address());
            String version = a.get("/health").json().get("rules_version").asText();
            assertThat(b.get("/health").json().get("rules_version").asText()).isEqualTo(version);

            // The case lives with its caller (the page, a support tool): each step may go to either instance.
            ObjectNode symptoms = MAPPER.createObjectNode();
            List<ServiceProcess> turns = List.of(a, b, a, b, a, b);
            for (int step = 0; step < turns.size(); step++) {
                ServiceProcess here = turns.get(step);
                ServiceProcess there = here == a ? b : a;
                JsonNode diagnosis = here.post("/v1/diagnose", JSON, symptoms.toString()).json();
                assertThat(there.post("/v1/diagnose", JSON, symptoms.toString()).json())
                        .as("step %d: the other instance answers the same", step).isEqualTo(diagnosis);
                if (!diagnosis.get("status").asText().equals("in_progress")) {
                    break;
                }
                if (diagnosis.get("questions").isEmpty() || step % 2 == 1) {
                    // the next fix did not help
                    symptoms.withArray("tried").addObject()
                            .put("fix", diagnosis.at("/next_fix/id").asText()).put("result", "failed");
                } else {
                    JsonNode question = diagnosis.at("/questions/0");
                    answer(symptoms, question.get("fact").asText(), question.at("/answers/0").asText());
                }
            }
            assertThat(symptoms.size()).as("the case moved on").isGreaterThanOrEqualTo(2);

            // The YAML of the case, made by one instance, reads back on the other.
            String yaml = a.post("/v1/case", JSON, symptoms.toString()).body();
            assertThat(b.post("/v1/case", "application/yaml", yaml).json()).isEqualTo(symptoms);

            // One edit of the shared rules folder: both instances reload it.
            Files.writeString(rules.resolve("knowledge.yaml"), Files.readString(rules.resolve("knowledge.yaml")) + "\n# edited\n");
            eventually(() -> !a.get("/health").json().get("rules_version").asText().equals(version));
            eventually(() -> b.get("/health").json().get("rules_version").asText()
                    .equals(a.get("/health").json().get("rules_version").asText()));

            // One token file: after a rotation both refuse the old token and take the new one.
            Files.delete(tokens);
            String rotated = ServiceProcess.newToken(tokens, "balancer-2");
            eventually(() -> a.get("/v1/knowledge").status() == 401 && b.get("/v1/knowledge").status() == 401);
            a.withToken(rotated);
            b.withToken(rotated);
            assertThat(a.get("/v1/knowledge").status()).isEqualTo(200);
            assertThat(b.get("/v1/knowledge").status()).isEqualTo(200);

            // Request ids made by each instance stay apart in a shared log.
            String idA = a.get("/health").header("X-Request-Id");
            String idB = b.get("/health").header("X-Request-Id");
            assertThat(idA.substring(0, idA.indexOf('-'))).isNotEqualTo(idB.substring(0, idB.indexOf('-')));
        }
    }

    /**
     * With {@code --cases} on one PostgreSQL database (the tests' server: .ci/postgres; CI fails without
     * it), a kept case is one case whichever instance is asked: each step goes to the other instance than
     * the one before, and the other one shows the case exactly as the one that recorded it answered.
     */
    @Test
    void anyInstanceServesAnyRequestOfACaseKeptInOnePostgres(@TempDir Path dir) throws Exception {
        String database = TestPostgres.freshDatabase();
        Path rules = ProjectRules.copyInto(dir.resolve("rules"));
        String[] shared = {"--port", "0", "--rules", rules.toString(), "--cases", database};
        try (ServiceProcess a = ServiceProcess.start(dir.resolve("a.err"), shared);
             ServiceProcess b = ServiceProcess.start(dir.resolve("b.err"), shared)) {
            ServiceProcess.Reply opened = a.post("/v1/cases", JSON, "{}");
            assertThat(opened.status()).as(opened.body()).isEqualTo(201);
            String id = opened.json().at("/case/id").asText();
            assertThat(b.get("/v1/cases/" + id).json()).as("the case, from the other instance")
                    .isEqualTo(withoutStep(opened.json()));

            JsonNode diagnosis = opened.json().get("diagnosis");
            List<ServiceProcess> turns = List.of(b, a, b, a, b, a);
            int recorded = 0;
            for (int step = 0; step < turns.size() && diagnosis.get("status").asText().equals("in_progress"); step++) {
                ServiceProcess here = turns.get(step);
                ServiceProcess there = here == a ? b : a;
                ObjectNode body = MAPPER.createObjectNode().put("request_id", "step-" + step);
                if (!diagnosis.get("questions").isEmpty() && step % 2 == 0) {
                    JsonNode question = diagnosis.at("/questions/0");
                    body.put("kind", "answer").put("fact", question.get("fact").asText())
                            .put("answer", question.at("/answers/0").asText());
                } else {
                    // the next fix did not help
                    body.put("kind", "fix").put("fix", diagnosis.at("/next_fix/id").asText()).put("result", "failed");
                }
                ServiceProcess.Reply reply = here.post("/v1/cases/" + id + "/steps", JSON, body.toString());
                assertThat(reply.status()).as("step %d: %s", step, reply.body()).isEqualTo(201);
                recorded++;
                assertThat(reply.json().at("/step/seq").asInt()).isEqualTo(recorded);
                assertThat(there.get("/v1/cases/" + id).json()).as("step %d, from the other instance", step)
                        .isEqualTo(withoutStep(reply.json()));

                // The balancer retries on the other instance: the step counts once.
                ServiceProcess.Reply retry = there.post("/v1/cases/" + id + "/steps", JSON, body.toString());
                assertThat(retry.status()).as(retry.body()).isEqualTo(200);
                assertThat(retry.json().get("duplicate").asBoolean()).isTrue();
                assertThat(retry.json().at("/step/seq").asInt()).isEqualTo(recorded);
                diagnosis = reply.json().get("diagnosis");
            }
            assertThat(recorded).as("the case moved on").isGreaterThanOrEqualTo(2);

            JsonNode kept = a.get("/v1/cases/" + id).json().get("case");
            assertThat(kept.get("steps")).hasSize(recorded);
            assertThat(kept.at("/advice/status").asText()).isEqualTo(switch (diagnosis.get("status").asText()) {
                case "in_progress" -> "open";
                case "escalate" -> "escalated";
                default -> diagnosis.get("status").asText();
            });
            assertThat(kept.at("/advice/next_fix").asText(null)).isEqualTo(diagnosis.at("/next_fix/id").asText(null));
            assertThat(a.get("/v1/cases").json()).as("both list the same cases").isEqualTo(b.get("/v1/cases").json());
        }
    }

    /** A step's answer as {@code GET /v1/cases/{id}} gives the same case: without the step just recorded. */
    private static JsonNode withoutStep(JsonNode answer) {
        ObjectNode copy = answer.deepCopy();
        copy.remove("step");
        copy.put("duplicate", false);
        return copy;
    }

    /** Sets {@code value} at {@code fact} (e.g. {@code network.vpn_active}); yes/no are booleans in a document. */
    private static void answer(ObjectNode symptoms, String fact, String value) {
        String[] path = fact.split("\\.");
        ObjectNode section = symptoms.with(path[0]);
        switch (value) {
            case "yes" -> section.put(path[1], true);
            case "no" -> section.put(path[1], false);
            default -> section.put(path[1], value);
        }
    }
}
