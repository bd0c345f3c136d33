package io.streamfix.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.streamfix.Troubleshooter;
import io.streamfix.engine.RuleFault;
import io.streamfix.input.InvalidSymptomsException;
import io.streamfix.input.SymptomCase;
import io.streamfix.input.SymptomsReader;
import io.streamfix.model.Diagnosis;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/diagnose} (one symptom document, JSON or YAML) and {@code POST /v1/diagnose/batch}
 * (a JSON list of them): the same diagnosis JSON as {@code streamfix diagnose --format json}.
 */
final class DiagnoseEndpoint {
    /** How bad input is named in messages, where the CLI names the file. */
    static final String SOURCE = "<request>";

    /** More cases than a support tool sends at once; bounds the work one request can ask for. */
    static final int MAX_BATCH = 1000;

    private final LiveRules rules;
    private final RequestLimits limits;

    DiagnoseEndpoint(LiveRules rules, RequestLimits limits) {
        this.rules = rules;
        this.limits = limits;
    }

    void diagnose(Context ctx) {
        DocumentFormat format = DocumentFormat.of(ctx);
        Troubleshooter troubleshooter = Readiness.require(rules);
        SymptomsReader reader = limits.reader(troubleshooter);
        String body = RequestBody.text(ctx, limits.maxBodyBytes());
        SymptomCase symptomCase = switch (format) {
            case YAML -> reader.read(SOURCE, body);
            case JSON -> reader.fromMap(SOURCE, JsonDocuments.object(SOURCE, JsonDocuments.parse(SOURCE, body)));
        };
        Responses.json(ctx, HttpStatus.OK, troubleshooter.diagnose(symptomCase.symptoms()));
    }

    /** Each entry is diagnosed on its own: a bad entry gets its errors, the others their diagnoses. */
    void diagnoseBatch(Context ctx) {
        if (DocumentFormat.of(ctx) != DocumentFormat.JSON) {
            throw new HttpResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
                    "a batch is a JSON list of symptom documents: send it with Content-Type: application/json");
        }
        Troubleshooter troubleshooter = Readiness.require(rules);
        SymptomsReader reader = limits.reader(troubleshooter);
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
            entries.add(diagnoseEntry(troubleshooter, reader, SOURCE + "[" + i + "]", list.get(i)));
        }
        Responses.json(ctx, HttpStatus.OK, entries);
    }

    private static BatchEntry diagnoseEntry(Troubleshooter troubleshooter, SymptomsReader reader, String source,
                                            JsonNode document) {
        try {
            SymptomCase symptomCase = reader.fromMap(source, JsonDocuments.object(source, document));
            return BatchEntry.of(troubleshooter.diagnose(symptomCase.symptoms()));
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
