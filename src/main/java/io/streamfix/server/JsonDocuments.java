package io.streamfix.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.streamfix.input.InputProblem;
import io.streamfix.input.InvalidSymptomsException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses JSON request bodies into the plain maps that
 * {@link io.streamfix.input.SymptomsReader#fromMap} checks. Syntax errors come back as located
 * {@link InputProblem}s in plain words, like a YAML file's, and {@link #located} puts the line and column
 * of each field on the reader's problems too.
 */
final class JsonDocuments {
    /**
     * Jackson's own bounds (nesting depth, number and string sizes) keep parsing safe; the reader then
     * applies the symptom file limits ({@code InputLimits}) to the parsed document, with field paths.
     * Numbers are kept exact ({@code 1e400} is not infinity, {@code 1e-400} not 0), so that the reader
     * sees the number that was sent.
     */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

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
                    "not valid JSON: " + reason(e));
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

    /**
     * Runs {@code check} (the reader on a document parsed from {@code text}) and gives its problems the
     * line and column where their field is written in {@code text}: the reader of a map knows fields, not lines.
     */
    static <T> T located(String text, Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidSymptomsException e) {
            Map<String, int[]> places = places(text);
            List<InputProblem> located = new ArrayList<>();
            for (InputProblem p : e.problems()) {
                int[] at = p.line() > 0 ? null : places.get(p.field());
                located.add(at == null ? p : new InputProblem(p.source(), at[0], at[1], p.field(), p.message()));
            }
            throw new InvalidSymptomsException(located);
        }
    }

    /** Where each field's value starts, by field path ({@code device.model}, {@code tried[0].fix}). */
    private static Map<String, int[]> places(String text) {
        Map<String, int[]> places = new HashMap<>();
        try (JsonParser parser = MAPPER.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                JsonLocation at = parser.currentTokenLocation();
                JsonStreamContext context = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY
                        ? parser.getParsingContext().getParent() : parser.getParsingContext();
                places.put(path(context), new int[] {at.getLineNr(), at.getColumnNr()});
            }
        } catch (IOException e) {
            // Parsed once already: a second pass does not fail; without places, problems keep no line.
        }
        return places;
    }

    /** The field path of a parsing context, as the reader writes it. */
    private static String path(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject()) {
                parts.add(0, c.getCurrentName() == null ? "" : c.getCurrentName());
            } else if (c.inArray()) {
                parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            if (!part.startsWith("[") && path.length() > 0) {
                path.append('.');
            }
            path.append(part);
        }
        return path.toString();
    }

    /** Jackson's reason in plain words: no Java types, features or source descriptions. */
    private static String reason(JsonProcessingException e) {
        String raw = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            if (raw.contains("nesting depth")) {
                return "the document is nested too deeply";
            }
            if (raw.contains("Number value length")) {
                return "a number has too many digits (at most 1000)";
            }
            if (raw.contains("String value length") || raw.contains("Name length")) {
                return "a text or key is too long";
            }
            return "the document is too large";
        }
        Matcher duplicate = DUPLICATE.matcher(raw);
        if (duplicate.find()) {
            return "duplicate key \"" + duplicate.group(1) + "\" (each key once per object)";
        }
        if (raw.startsWith("Trailing token")) {
            return "more follows the end of the document: send one JSON object";
        }
        if (raw.startsWith("Unexpected end-of-input")) {
            return "the document ends too soon (an object, list or text is not closed)";
        }
        return raw.replaceAll(":?\\s*enable `[^`]*` to allow", " is not allowed in JSON")
                .replaceAll("\\(\\(CTRL-CHAR, code (\\d+)\\)\\)", "(a control character, code $1)")
                .replaceAll("\\(('[^']*') \\(code \\d+\\)\\)", "$1")
                .replaceAll("\\s*\\(start marker at \\[[^\\]]*\\]\\)", "")
                .replaceAll("\\s*\\[Source: [^\\]]*\\]", "")
                .replaceAll("`[^`]*`", "a value")
                .replaceAll("\\(code \\d+\\)", "")
                .replaceAll("\\s+", " ")
                .strip();
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
