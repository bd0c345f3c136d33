package io.streamfix.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Explanation;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * Renders a {@link Diagnosis} as JSON for tools: snake_case keys, lower-case enum values, absent
 * values as {@code null}. The shape is stable; see the README for an example.
 *
 * <pre>{@code
 * String json = JsonOutput.pretty().render(diagnosis);
 * }</pre>
 */
public final class JsonOutput {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private final ObjectMapper mapper;

    private JsonOutput(boolean pretty) {
        this.mapper = pretty ? MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT) : MAPPER;
    }

    /** Indented JSON, for people reading it and for {@code --format json}. */
    public static JsonOutput pretty() {
        return new JsonOutput(true);
    }

    /** One line of JSON, for JSON lines. */
    public static JsonOutput compact() {
        return new JsonOutput(false);
    }

    /** The JSON text of any value of the output model (a Diagnosis, a map of them, …). */
    public String render(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #render(Object)} as UTF-8 bytes: for a network response, without a String in between. */
    public byte[] renderUtf8(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JSON of a diagnosis with its explanation ({@code diagnose --explain}): the diagnosis's keys,
     * then {@code "explanation"}.
     */
    public String render(Diagnosis diagnosis, List<Explanation> explanation) {
        ObjectNode tree = mapper.valueToTree(diagnosis);
        tree.set("explanation", mapper.valueToTree(explanation));
        return render(tree);
    }

    /**
     * A writer of this format that leaves flushing to its caller: for a document written piece by piece
     * to one generator ({@code writer.createGenerator(out)}, then {@code writer.writeValue(generator, part)}),
     * byte for byte what {@link #render} gives for the whole, without ever holding the whole.
     */
    public ObjectWriter streamingWriter() {
        return mapper.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    }

    /** The shared mapper, for callers that need a tree (tests, the batch summary). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
