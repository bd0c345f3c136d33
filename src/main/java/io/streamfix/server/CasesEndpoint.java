package io.streamfix.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.streamfix.cases.Advice;
import io.streamfix.cases.CasePage;
import io.streamfix.cases.CaseQuery;
import io.streamfix.cases.CaseRecord;
import io.streamfix.cases.CaseStatus;
import io.streamfix.cases.CaseStep;
import io.streamfix.cases.CaseStore;
import io.streamfix.cases.CaseStoreException;
import io.streamfix.cases.Recorded;
import io.streamfix.cases.Step;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.FixResult;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The case routes of {@code serve --cases DB}: {@code POST /v1/cases} opens a case from a symptom document,
 * {@code POST /v1/cases/{id}/steps} records an answer, a fix attempt, an undo or an abandon,
 * {@code GET /v1/cases/{id}} gives a case with its current diagnosis, {@code GET /v1/cases} pages through
 * them. A request id ({@code Idempotency-Key} header, or {@code request_id} in a step) makes a retried
 * POST count once: the retry gets 200 and what the first kept ({@code "duplicate": true}).
 *
 * <p>Errors: 400 a bad document or step (located as for symptom files), 404 an unknown case id, 409 a step
 * the case cannot take (nothing to undo), 503 while the database cannot be reached (the diagnosis routes
 * keep working: they never touch it).
 */
final class CasesEndpoint {
    private static final String STEP_SOURCE = "<step>";
    private static final Set<String> STEP_FIELDS = Set.of("kind", "fact", "answer", "fix", "result", "minutes", "request_id");
    static final String REQUEST_ID_HEADER = "Idempotency-Key";

    private final DiagnoseEndpoint diagnoses;
    private final RequestLimits limits;
    private final CaseStore store;

    /** Diagnoses go through {@code diagnoses}, the one path of every route that diagnoses. */
    CasesEndpoint(DiagnoseEndpoint diagnoses, RequestLimits limits, CaseStore store) {
        this.diagnoses = diagnoses;
        this.limits = limits;
        this.store = store;
    }

    /** The diagnosis with questions of each document the store asks about, kept for the response. */
    private final class Advising {
        final DiagnoseEndpoint.Diagnosing diagnosing = diagnoses.begin();
        final AtomicReference<Diagnosis> last = new AtomicReference<>();

        Advice advise(Map<String, Object> document) {
            Diagnosis diagnosis = diagnose(document);
            last.set(diagnosis);
            return Advice.of(diagnosis, diagnosing.rulesVersion());
        }

        Diagnosis diagnose(Map<String, Object> document) {
            return diagnosing.diagnose(diagnosing.symptoms(document), true);
        }

        /** The diagnosis of the case as kept: the one just made, or (for a retried request) made now. */
        Diagnosis of(Recorded recorded) {
            Diagnosis made = last.get();
            return recorded.duplicate() || made == null ? diagnose(recorded.kept().document()) : made;
        }
    }

    void open(Context ctx) {
        Advising advising = new Advising();
        Map<String, Object> document = advising.diagnosing.document(ctx);
        Recorded opened = store.open(document, requestId(ctx, null), advising::advise);
        if (!opened.duplicate()) {
            ctx.header("Location", "/v1/cases/" + opened.kept().id());
        }
        respond(ctx, opened.duplicate() ? HttpStatus.OK : HttpStatus.CREATED,
                answer(opened.kept(), advising.of(opened), null, opened.duplicate()));
    }

    void recordStep(Context ctx) {
        if (DocumentFormat.of(ctx) != DocumentFormat.JSON) {
            throw new HttpResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
                    "a step is a JSON object, e.g. {\"kind\": \"answer\", \"fact\": \"network.vpn_active\", \"answer\": \"yes\"}: "
                            + "send it with Content-Type: application/json");
        }
        String id = ctx.pathParam("id");
        Advising advising = new Advising();
        JsonNode body = JsonDocuments.parse(STEP_SOURCE, RequestBody.text(ctx, limits.maxBodyBytes()));
        Step step = step(body);
        String bodyId = body.hasNonNull("request_id") ? text(body, "request_id") : null;
        Recorded recorded = store.record(id, step, requestId(ctx, bodyId), advising::advise);
        respond(ctx, recorded.duplicate() ? HttpStatus.OK : HttpStatus.CREATED,
                answer(recorded.kept(), advising.of(recorded), recorded.step(), recorded.duplicate()));
    }

    void show(Context ctx) {
        Advising advising = new Advising();
        String id = ctx.pathParam("id");
        CaseRecord kept = store.find(id).orElseThrow(() -> new CaseStoreException.NoSuchCase(id));
        respond(ctx, HttpStatus.OK, answer(kept, advising.diagnose(kept.document()), null, false));
    }

    void list(Context ctx) {
        CaseQuery query = CaseQuery.all();
        String status = ctx.queryParam("status");
        if (status != null) {
            query = query.withStatus(CaseStatus.named(status).orElseThrow(() -> badRequest(
                    "status=" + status + " is not a case status: use one of " + CaseStatus.labels())));
        }
        String since = ctx.queryParam("since");
        if (since != null) {
            try {
                query = query.withSince(CaseQuery.time(since));
            } catch (IllegalArgumentException e) {
                throw badRequest("since=" + e.getMessage());
            }
        }
        String limit = ctx.queryParam("limit");
        if (limit != null) {
            try {
                query = query.withLimit(Integer.parseInt(limit));
            } catch (IllegalArgumentException e) {
                throw badRequest("limit=" + limit + " is not understood: a number from 1 to " + CaseQuery.MAX_LIMIT);
            }
        }
        CasePage page = store.list(query.after(ctx.queryParam("after")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cases", page.cases());
        body.put("next", page.next());
        respond(ctx, HttpStatus.OK, body);
    }

    /** The step a JSON body describes; every mistake named with the field. */
    private static Step step(JsonNode body) {
        if (!body.isObject()) {
            throw JsonDocuments.problem(STEP_SOURCE, 0, 0, "a step must be a JSON object, e.g. {\"kind\": \"fix\", "
                    + "\"fix\": \"restart_network\", \"result\": \"failed\", \"minutes\": 5}, not " + JsonDocuments.describe(body));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!STEP_FIELDS.contains(name)) {
                throw field(name, "unknown field; a step has kind, fact, answer (an answer), fix, result, minutes "
                        + "(a fix attempt) and request_id");
            }
        }
        String kind = body.hasNonNull("kind") ? text(body, "kind") : null;
        if (kind == null) {
            throw field("kind", "missing: answer, fix, undo or abandon");
        }
        try {
            return switch (kind) {
                case "answer" -> Step.answer(required(body, "fact"), answer(body));
                case "fix" -> Step.attempt(required(body, "fix"), result(body), minutes(body));
                case "undo" -> Step.undo();
                case "abandon" -> Step.abandon();
                default -> throw field("kind", "\"" + kind + "\" is not a kind of step: answer, fix, undo or abandon");
            };
        } catch (IllegalArgumentException e) {
            throw field("minutes", e.getMessage());
        }
    }

    private static String answer(JsonNode body) {
        JsonNode answer = body.get("answer");
        if (answer != null && answer.isBoolean()) {
            return answer.booleanValue() ? "yes" : "no";
        }
        return required(body, "answer");
    }

    private static FixResult result(JsonNode body) {
        String result = required(body, "result");
        return switch (result) {
            case "failed" -> FixResult.FAILED;
            case "helped" -> FixResult.HELPED;
            default -> throw field("result", "\"" + result + "\" is not a result: failed or helped");
        };
    }

    private static Double minutes(JsonNode body) {
        JsonNode minutes = body.get("minutes");
        if (minutes == null || minutes.isNull()) {
            return null;
        }
        if (!minutes.isNumber() || minutes.doubleValue() < 0) {
            throw field("minutes", "expected a number of minutes >= 0, got " + minutes);
        }
        return minutes.doubleValue();
    }

    private static String required(JsonNode body, String name) {
        if (!body.hasNonNull(name)) {
            throw field(name, "missing");
        }
        return text(body, name);
    }

    private static String text(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (!value.isTextual()) {
            throw field(name, "expected text, got " + JsonDocuments.describe(value));
        }
        return value.textValue();
    }

    private static RuntimeException field(String name, String message) {
        return new io.streamfix.input.InvalidSymptomsException(List.of(
                new io.streamfix.input.InputProblem(STEP_SOURCE, 0, 0, name, message)));
    }

    /** The request id of the header, else of the body; both given must agree. */
    private static String requestId(Context ctx, String fromBody) {
        String header = ctx.header(REQUEST_ID_HEADER);
        if (header != null && fromBody != null && !header.equals(fromBody)) {
            throw badRequest("the " + REQUEST_ID_HEADER + " header and request_id differ: send one of them");
        }
        String id = header != null ? header : fromBody;
        if (id != null && (id.isBlank() || id.length() > CaseStore.MAX_REQUEST_ID)) {
            throw badRequest("a request id is 1 to " + CaseStore.MAX_REQUEST_ID + " characters, this one " + id.length());
        }
        return id;
    }

    private static Map<String, Object> answer(CaseRecord kept, Diagnosis diagnosis, CaseStep step, boolean duplicate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("case", kept);
        if (step != null) {
            body.put("step", step);
        }
        body.put("duplicate", duplicate);
        body.put("diagnosis", diagnosis);
        return body;
    }

    private static void respond(Context ctx, HttpStatus status, Object body) {
        Responses.json(ctx, status, body);
    }

    private static HttpResponseException badRequest(String message) {
        return new HttpResponseException(HttpStatus.BAD_REQUEST.getCode(), message);
    }

    /**
     * The handler with the store's errors as HTTP errors: 503 while the database is unreachable (the rest
     * of the service keeps working), 404 an unknown id, 409 a step the case cannot take.
     */
    static Handler guarded(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (CaseStoreException.NoSuchCase e) {
                Responses.json(ctx, HttpStatus.NOT_FOUND, ErrorResponse.of(e.getMessage()
                        + " (GET /v1/cases lists the cases kept)"));
            } catch (CaseStoreException.Refused e) {
                Responses.json(ctx, HttpStatus.CONFLICT, ErrorResponse.of(e.getMessage()));
            } catch (CaseStoreException e) {
                Responses.json(ctx, HttpStatus.SERVICE_UNAVAILABLE, ErrorResponse.of(e.getMessage()
                        + ". Nothing was kept: try again later; POST /v1/diagnose keeps working meanwhile."));
            } catch (IllegalArgumentException e) {
                Responses.json(ctx, HttpStatus.BAD_REQUEST, ErrorResponse.of(e.getMessage()));
            }
        };
    }

    /** What the 404 of an unknown route adds to the routes list when cases are kept. */
    static final String ROUTES = "POST /v1/cases, POST /v1/cases/{id}/steps, GET /v1/cases/{id}, GET /v1/cases";

}
