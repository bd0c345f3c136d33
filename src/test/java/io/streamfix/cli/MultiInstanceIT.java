package io.streamfix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamfix.ProjectRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.streamfix.cli.ServeOperationsIT.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several instances behind one load balancer: two {@code streamfix serve} processes on loopback that
 * share nothing but the rules folder and the token file. A case is walked by calling them in turn, as a
 * balancer would send its requests, and every answer is the one the other instance gives.
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
