package io.streamfix.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.streamfix.input.SymptomDocument;
import io.streamfix.input.SymptomsReader;

import java.util.Map;

/**
 * {@code POST /v1/case}: checks a symptom document and gives it back in the other notation — YAML in,
 * JSON out; JSON in, YAML out (or what {@code Accept} asks for). The agent page loads a symptom file
 * this way and saves its case as one, so that it needs no YAML library of its own. A bad document gets
 * the same 400 as {@code /v1/diagnose}.
 */
final class CaseEndpoint {
    /**
     * Reads YAML the way the symptom file reader does (yes/no stay words, {@code key:} is null), so that
     * a document the reader accepted means the same here. YAML is written by SymptomDocument.
     */
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();

    private final LiveRules rules;
    private final RequestLimits limits;

    CaseEndpoint(LiveRules rules, RequestLimits limits) {
        this.rules = rules;
        this.limits = limits;
    }

    void convert(Context ctx) {
        DocumentFormat in = DocumentFormat.of(ctx);
        SymptomsReader reader = limits.reader(Readiness.require(rules));
        String body = RequestBody.text(ctx, limits.maxBodyBytes());
        Map<String, Object> document;
        if (in == DocumentFormat.YAML) {
            reader.read(DiagnoseEndpoint.SOURCE, body); // the checks, with line numbers
            document = readYaml(body);
        } else {
            document = JsonDocuments.object(DiagnoseEndpoint.SOURCE, JsonDocuments.parse(DiagnoseEndpoint.SOURCE, body));
            reader.fromMap(DiagnoseEndpoint.SOURCE, document);
        }
        DocumentFormat out = DocumentFormat.accepted(ctx, in == DocumentFormat.YAML ? DocumentFormat.JSON : DocumentFormat.YAML);
        if (out == DocumentFormat.JSON) {
            Responses.json(ctx, HttpStatus.OK, document);
        } else {
            ctx.status(HttpStatus.OK).contentType(out.mediaType + "; charset=utf-8").result(SymptomDocument.toYaml(document));
        }
    }

    /** An empty YAML document is the empty case, as in a file. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readYaml(String text) {
        try {
            Map<String, Object> document = YAML.readValue(text, Map.class);
            return document == null ? Map.of() : document;
        } catch (JsonProcessingException e) {
            // The reader accepted this text a moment ago: a failure here is a bug, not bad input.
            throw new IllegalStateException("YAML the reader accepted does not parse: " + e.getOriginalMessage(), e);
        }
    }
}
