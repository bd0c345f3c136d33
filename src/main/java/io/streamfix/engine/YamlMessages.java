package io.streamfix.engine;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.streamfix.input.Suggestions;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Puts what the YAML reader says about a rules data file ({@code knowledge.yaml}, {@code questions.yaml})
 * into words a rule author reads: the field's path, what was expected, what was found, and the likely
 * slip (an indentation that glued two lines into one value, a misspelt key). The reader's own text is
 * kept as {@link RuleProblem#raw()}.
 *
 * <pre>{@code
 * catch (JsonProcessingException e) { throw new RulesException(List.of(YamlMessages.problem(file, e))); }
 * // rules/knowledge.yaml:97:12: fixes.change_dns.order: expected a whole number, found "4 title" — ...
 * }</pre>
 */
final class YamlMessages {
    private static final Map<Class<?>, String> EXPECTED = Map.of(
            Integer.class, "a whole number", int.class, "a whole number",
            Double.class, "a number", double.class, "a number",
            Boolean.class, "true or false", boolean.class, "true or false",
            String.class, "a text", List.class, "a list ([a, b] or lines starting with \"- \")",
            Map.class, "a mapping (key: value lines, indented under the key)");

    private YamlMessages() {
    }

    static RuleProblem problem(String file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String raw = e.getOriginalMessage() == null ? String.valueOf(e) : e.getOriginalMessage().strip().replaceAll("\\s*\\R\\s*", " ");
        return new RuleProblem(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                message(e, raw), false, raw);
    }

    private static String message(JsonProcessingException e, String raw) {
        String path = e instanceof DatabindException mapping ? path(mapping) : "";
        String field = path.isEmpty() ? "" : path + ": ";
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            String key = unknown.getPropertyName();
            return field + "unknown key" + Suggestions.closest(key, known).map(s -> " — did you mean " + s + "?").orElse("")
                    + " (known here: " + String.join(", ", known) + "; or is it indented too deep?)";
        }
        if (e instanceof InvalidFormatException invalid) {
            String expected = expected(invalid.getTargetType());
            String found = String.valueOf(invalid.getValue());
            String hint = found.contains(" ") && !(invalid.getTargetType() == String.class)
                    ? " — is the next line indented deeper than this key? YAML then reads it as part of this value" : "";
            return field + "expected " + expected + ", found \"" + found + "\"" + hint;
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            if (raw.contains("Missing required creator property")) {
                String missing = raw.replaceFirst(".*Missing required creator property '([^']+)'.*", "$1");
                return field.replaceFirst("\\." + missing + ": $", ": ") + "missing key \"" + missing + "\"";
            }
            return field + "expected " + expected(mismatched.getTargetType()) + " here";
        }
        // A YAML syntax error: the parser's words are plain enough, without the Java around them.
        return field + raw.replaceAll("`[\\w.$]+`", "value").replaceFirst("^while ", "");
    }

    /**
     * What a value of {@code type} is written as, in the file's terms, never the Java type: an entry of
     * the file (a record) is a mapping of its keys.
     */
    private static String expected(Class<?> type) {
        String known = EXPECTED.get(type);
        if (known != null) {
            return known;
        }
        for (Map.Entry<Class<?>, String> entry : EXPECTED.entrySet()) {
            if (entry.getKey().isAssignableFrom(type)) {
                return entry.getValue();
            }
        }
        if (type.isRecord()) {
            return "a mapping with the keys " + java.util.Arrays.stream(type.getRecordComponents())
                    .map(c -> {
                        // @JsonProperty does not target record components: it is found on the accessor.
                        JsonProperty named = c.getAccessor().getAnnotation(JsonProperty.class);
                        return named != null && !named.value().isEmpty() ? named.value() : c.getName();
                    })
                    .collect(Collectors.joining(", "));
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(", "));
        }
        return "a different kind of value";
    }

    /** The path of the field, e.g. {@code fixes.change_dns.order}. */
    private static String path(DatabindException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "";
        }
        return mapping.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
