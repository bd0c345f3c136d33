package io.streamfix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's OpenAPI document as a contract: looks up what it says a route answers with a status,
 * and checks a real answer's body against that schema with a JSON Schema 2020-12 validator (the dialect
 * of OpenAPI 3.1). Remembers which (route, status) pairs were checked, to tell which were never seen.
 */
final class OpenApiContract {
    static final Path DOCUMENT = Path.of("src/main/resources/openapi.json");
    private static final String BASE = "https://streamfix.invalid/openapi.json";

    final String text;
    final JsonNode document;
    private final SchemaRegistry schemas;
    private final Set<String> checked = new HashSet<>();

    OpenApiContract() {
        try {
            text = Files.readString(DOCUMENT);
            document = new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(BASE, text)));
    }

    /** Every operation and status the document lists, as {@code "POST /v1/diagnose 400"}. */
    Set<String> documentedAnswers() {
        Set<String> answers = new HashSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                operation.getValue().get("responses").fieldNames().forEachRemaining(status ->
                        answers.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " " + status))));
        return answers;
    }

    /** Every operation the document lists, as {@code "POST /v1/diagnose"}. */
    Set<String> documentedRoutes() {
        Set<String> routes = new HashSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(method ->
                routes.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return routes;
    }

    Set<String> checked() {
        return Set.copyOf(checked);
    }

    /**
     * Asserts that the document lists {@code status} for the route, with the answer's media type, and
     * that the body matches its schema.
     */
    void assertMatches(String method, String route, ServiceProcess.Reply reply) {
        String label = method + " " + route + " " + reply.status();
        String responsePointer = "/paths/" + escape(route) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + reply.status();
        JsonNode response = document.at(responsePointer);
        assertThat(response.isMissingNode()).as("the document lists %s (body: %s)", label, reply.body()).isFalse();
        if (response.has("$ref")) {
            responsePointer = response.get("$ref").asText().substring(1);
            response = document.at(responsePointer);
        }
        String mediaType = mediaType(reply.header("Content-Type"));
        assertThat(response.path("content").has(mediaType))
                .as("%s is documented as %s, answered as %s", label, response.path("content").properties().stream().map(Map.Entry::getKey).toList(), mediaType)
                .isTrue();
        if (mediaType.equals("application/json")) {
            assertValid(label, responsePointer + "/content/" + escape(mediaType) + "/schema", reply.body());
        }
        if (response.path("headers").has("X-Request-Id")) {
            assertThat(reply.header("X-Request-Id")).as("%s carries X-Request-Id", label).isNotBlank();
        }
        checked.add(label);
    }

    /** Asserts that {@code json} matches the schema at {@code pointer} in the document, e.g. {@code /components/schemas/ErrorResponse}. */
    void assertValid(String label, String pointer, String json) {
        Schema schema = schemas.getSchema(SchemaLocation.of(BASE + "#" + pointer));
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        assertThat(errors).as("%s: the body does not match %s: %s", label, pointer, json).isEmpty();
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    }

    private static String escape(String pointerPart) {
        return pointerPart.replace("~", "~0").replace("/", "~1");
    }
}
