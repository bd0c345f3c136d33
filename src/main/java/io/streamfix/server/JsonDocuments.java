package io.streamfix.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.streamfix.input.InputProblem;
import io.streamfix.input.InvalidSymptomsException;

import java.util.List;
import java.util.Map;

/**
 * Parses JSON request bodies into the plain maps that
 * {@link io.streamfix.input.SymptomsReader#fromMap} checks. Syntax errors come back as located
 * {@link InputProblem}s, like a YAML file's.
 */
final class JsonDocuments {
    /**
     * Jackson's own bounds (nesting depth, number and string sizes) keep parsing safe; the reader then
     * applies the symptom file limits ({@code InputLimits}) to the parsed document, with field paths.
     */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonDocuments() {
    }

    /** The tree of a JSON text; an empty text is a problem, not a null document. */
    static JsonNode parse(String source, String text) {
        if (text.isBlank()) {
            throw problem(source, 0, 0, "the body is empty: send a JSON symptom document ({} is an empty case)");
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw problem(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** A symptom document: the node must be a JSON object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String source, JsonNode node) {
        if (!node.isObject()) {
            throw problem(source, 0, 0, "the document must be a JSON object of symptoms, e.g. "
                    + "{\"network\": {\"vpn_active\": true}}, not " + describe(node));
        }
        return MAPPER.convertValue(node, Map.class);
    }

    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static InvalidSymptomsException problem(String source, int line, int column, String message) {
        return new InvalidSymptomsException(List.of(new InputProblem(source, line, column, "", message)));
    }
}
