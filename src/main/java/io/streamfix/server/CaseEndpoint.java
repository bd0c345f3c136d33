package io.streamfix.server;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.streamfix.input.SymptomDocument;

import java.util.Map;

/**
 * {@code POST /v1/case}: checks a symptom document and gives it back in the other notation — YAML in,
 * JSON out; JSON in, YAML out (or what {@code Accept} asks for). The agent page loads a symptom file
 * this way and saves its case as one, so that it needs no YAML library of its own. A bad document gets
 * the same 400 as {@code /v1/diagnose}.
 */
final class CaseEndpoint {
    private final DiagnoseEndpoint diagnoses;

    /** Reads and checks documents as {@code diagnoses} does, with the rules in force. */
    CaseEndpoint(DiagnoseEndpoint diagnoses) {
        this.diagnoses = diagnoses;
    }

    void convert(Context ctx) {
        DocumentFormat in = DocumentFormat.of(ctx);
        Map<String, Object> document = diagnoses.begin().document(ctx);
        DocumentFormat out = DocumentFormat.accepted(ctx, in == DocumentFormat.YAML ? DocumentFormat.JSON : DocumentFormat.YAML);
        if (out == DocumentFormat.JSON) {
            Responses.json(ctx, HttpStatus.OK, document);
        } else {
            ctx.status(HttpStatus.OK).contentType(out.mediaType + "; charset=utf-8").result(SymptomDocument.toYaml(document));
        }
    }
}
