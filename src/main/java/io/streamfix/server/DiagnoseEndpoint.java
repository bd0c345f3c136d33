package io.streamfix.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.streamfix.engine.KnowledgeBase;
import io.streamfix.engine.RuleFault;
import io.streamfix.input.InvalidSymptomsException;
import io.streamfix.input.SymptomCase;
import io.streamfix.input.SymptomsReader;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Symptoms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/diagnose} (one symptom document, JSON or YAML) and {@code POST /v1/diagnose/batch}
 * (a JSON list of them): the same diagnosis JSON as {@code streamfix diagnose --format json}.
 *
 * <p>A single case comes with the questions worth asking next, as the CLI's does; ranking them tries
 * every possible answer on the case (about three times the work of the diagnosis alone), so
 * {@code ?questions=false} skips them for tools that do not ask, and a batch skips them always (its
 * entries have {@code "questions": null}), as {@link KnowledgeBase#diagnose} does for batches.
 * Diagnoses wait their turn in a {@link DiagnosisQueue}.
 *
 * <p>{@link #begin()} is the one path from a request to a diagnosis, which the case routes
 * ({@link CasesEndpoint}) and {@code POST /v1/case} take too: the rules in force, the body read and
 * checked with the service's limits, the diagnosis queued and counted.
 */
final class DiagnoseEndpoint {
    /** How bad input is named in messages, where the CLI names the file. */
    static final String SOURCE = "<request>";

    /** More cases than a support tool sends at once; bounds the work one request can ask for. */
    static final int MAX_BATCH = 1000;

    private final LiveRules rules;
    private final RequestLimits limits;
    private final DiagnosisQueue queue;
    private final ServiceMetrics metrics;

    DiagnoseEndpoint(LiveRules rules, RequestLimits limits, DiagnosisQueue queue, ServiceMetrics metrics) {
        this.rules = rules;
        this.limits = limits;
        this.queue = queue;
        this.metrics = metrics;
    }

    /** Starts diagnosing for one request: with the rules in force now (503 while they load). */
    Diagnosing begin() {
        return new Diagnosing(Readiness.require(rules));
    }

    /**
     * One request's diagnoses, all with the rules that were in force when it came (a reload meanwhile
     * changes nothing for it), its input read with the service's limits.
     */
    final class Diagnosing {
        private final KnowledgeBase inForce;
        private final SymptomsReader reader;

        private Diagnosing(KnowledgeBase inForce) {
            this.inForce = inForce;
            this.reader = limits.reader(inForce);
        }

        /** The version of the rules it diagnoses with. */
        String rulesVersion() {
            return inForce.version();
        }

        /** The request body's symptoms: a YAML symptom file or a JSON object (415 for anything else). */
        Symptoms symptoms(Context ctx) {
            DocumentFormat format = DocumentFormat.of(ctx);
            String body = RequestBody.text(ctx, limits.maxBodyBytes());
            SymptomCase symptomCase = switch (format) {
                case YAML -> reader.read(SOURCE, body);
                case JSON -> {
                    Map<String, Object> document = JsonDocuments.object(SOURCE, JsonDocuments.parse(SOURCE, body));
                    yield JsonDocuments.located(body, () -> reader.fromMap(SOURCE, document));
                }
            };
            return symptomCase.symptoms();
        }

        /**
         * The request body as a symptom document, checked as {@link #symptoms(Context)} checks it and kept
         * as written (a YAML text stays text), for the routes that keep or convert the document itself.
         */
        Map<String, Object> document(Context ctx) {
            DocumentFormat format = DocumentFormat.of(ctx);
            String body = RequestBody.text(ctx, limits.maxBodyBytes());
            return switch (format) {
                case YAML -> reader.document(SOURCE, body); // checked, with line numbers
                case JSON -> {
                    Map<String, Object> document = JsonDocuments.object(SOURCE, JsonDocuments.parse(SOURCE, body));
                    JsonDocuments.located(body, () -> reader.fromMap(SOURCE, document));
                    yield document;
                }
            };
        }

        /** The symptoms of a document (a kept case's, say), checked as a symptom file is. */
        Symptoms symptoms(Map<String, ?> document) {
            return reader.fromMap(SOURCE, document).symptoms();
        }

        /** The diagnosis, with the questions worth asking when {@code questions}: queued, and counted in the metrics. */
        Diagnosis diagnose(Symptoms symptoms, boolean questions) {
            Diagnosis diagnosis = queue.run(() -> questions
                    ? inForce.diagnoseWithQuestions(symptoms) : inForce.diagnose(symptoms));
            metrics.diagnosed(diagnosis, inForce.version());
            return diagnosis;
        }
    }

    void diagnose(Context ctx) {
        boolean questions = wantsQuestions(ctx);
        Diagnosing diagnosing = begin();
        Responses.json(ctx, HttpStatus.OK, diagnosing.diagnose(diagnosing.symptoms(ctx), questions));
    }

    /** {@code ?questions=false} (or {@code no}, {@code 0}) asks for the fast path; anything else is refused. */
    private static boolean wantsQuestions(Context ctx) {
        String value = ctx.queryParam("questions");
        if (value == null || value.equals("true") || value.equals("yes") || value.equals("1")) {
            return true;
        }
        if (value.equals("false") || value.equals("no") || value.equals("0")) {
            return false;
        }
        throw new HttpResponseException(HttpStatus.BAD_REQUEST.getCode(),
                "questions=" + value + " is not understood: use questions=true (the default) or questions=false");
    }

    /** Each entry is diagnosed on its own: a bad entry gets its errors, the others their diagnoses. */
    void diagnoseBatch(Context ctx) {
        if (DocumentFormat.of(ctx) != DocumentFormat.JSON) {
            throw new HttpResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
                    "a batch is a JSON list of symptom documents: send it with Content-Type: application/json");
        }
        Diagnosing diagnosing = begin();
        JsonNode list = JsonDocuments.parse(SOURCE, RequestBody.text(ctx, limits.maxBodyBytes()));
        if (!list.isArray()) {
            throw JsonDocuments.problem(SOURCE, 0, 0, "a batch must be a JSON list of symptom documents, "
                    + "e.g. [{}, {\"network\": {\"vpn_active\": true}}], not " + JsonDocuments.describe(list));
        }
        if (list.size() > MAX_BATCH) {
            throw JsonDocuments.problem(SOURCE, 0, 0, "a batch holds at most " + MAX_BATCH + " documents, this one "
                    + list.size() + ": split it");
        }
        List<BatchEntry> entries = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            entries.add(diagnoseEntry(diagnosing, SOURCE + "[" + i + "]", list.get(i)));
        }
        Responses.json(ctx, HttpStatus.OK, entries);
    }

    private static BatchEntry diagnoseEntry(Diagnosing diagnosing, String source, JsonNode document) {
        try {
            SymptomCase symptomCase = diagnosing.reader.fromMap(source, JsonDocuments.object(source, document));
            return BatchEntry.of(diagnosing.diagnose(symptomCase.symptoms(), false));
        } catch (InvalidSymptomsException e) {
            return BatchEntry.of(e.problems().stream().map(ApiError::of).toList());
        } catch (RuleFault e) {
            return BatchEntry.of(List.of(ApiError.of(source + ": " + e.getMessage())));
        }
    }

    /**
     * One entry of a batch answer: a diagnosis and no errors, or errors and no diagnosis.
     *
     * @param diagnosis as {@code POST /v1/diagnose} gives it, or {@code null}
     * @param errors    why this entry has no diagnosis; empty when it has one
     */
    record BatchEntry(Diagnosis diagnosis, List<ApiError> errors) {
        static BatchEntry of(Diagnosis diagnosis) {
            return new BatchEntry(diagnosis, List.of());
        }

        static BatchEntry of(List<ApiError> errors) {
            return new BatchEntry(null, errors);
        }
    }
}
