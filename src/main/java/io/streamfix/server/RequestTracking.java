package io.streamfix.server;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.router.Endpoint;
import io.streamfix.Troubleshooter;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * What the service does around every request: gives it a request id (echoed in {@code X-Request-Id}),
 * asks for an API token when the service has tokens, and once it is answered, records it in the metrics
 * and the request log. The only place that reads these from Javalin's {@link Context}.
 */
final class RequestTracking {
    static final String REQUEST_ID = "X-Request-Id";

    /** What needs no token: the health check, and the page's own files (a browser cannot send one for them; they hold no data). */
    private static final Set<String> OPEN = Set.of("/health", "/", "/index.html", "/agent.css", "/agent.js");

    /** A caller's request id is kept when it is short and plain, so that it cannot forge log lines. */
    private static final Pattern USABLE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private static final String STARTED = "streamfix.started";
    private static final String ARRIVED = "streamfix.arrived";
    private static final String ID = "streamfix.request-id";
    private static final String LOGGED = "streamfix.logged";

    private final LiveRules rules;
    private final ApiTokens tokens;
    private final ServiceMetrics metrics;
    private final RequestLog log;
    private final boolean logSymptoms;
    /** Ids made here: this process's random prefix and a count, unique across instances behind one balancer. */
    private final String idPrefix;
    private final AtomicLong count = new AtomicLong();

    RequestTracking(LiveRules rules, ServiceOptions options, ServiceMetrics metrics) {
        this.rules = rules;
        this.tokens = options.tokens();
        this.metrics = metrics;
        this.log = options.requestLog();
        this.logSymptoms = options.logSymptoms();
        byte[] prefix = new byte[4];
        new SecureRandom().nextBytes(prefix);
        this.idPrefix = HexFormat.of().formatHex(prefix) + "-";
    }

    /** Before the route: the id, the clock, the token. */
    void arrived(Context ctx) {
        if (ctx.attribute(ID) != null) {
            return; // the same request again: Jetty forwards "/" to the page's index.html
        }
        ctx.attribute(STARTED, System.nanoTime());
        ctx.attribute(ARRIVED, Instant.now());
        String given = ctx.header(REQUEST_ID);
        String id = given != null && USABLE_ID.matcher(given).matches() ? given : idPrefix + count.incrementAndGet();
        ctx.attribute(ID, id);
        ctx.header(REQUEST_ID, id);
        if (tokens != null && !OPEN.contains(ctx.path())) {
            requireToken(ctx.header("Authorization"));
        }
    }

    private void requireToken(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("this service needs an API token: send the header Authorization: Bearer <token> "
                    + "(the service's operator makes tokens with streamfix token)");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("the Authorization header must be Bearer <token>");
        }
        if (!tokens.accepts(authorization.substring(7).strip())) {
            throw unauthorized("the API token is not one this service accepts (it may have been rotated: "
                    + "ask the service's operator for a current one)");
        }
    }

    private static HttpResponseException unauthorized(String message) {
        return new HttpResponseException(HttpStatus.UNAUTHORIZED.getCode(), message);
    }

    /** After the response is written. */
    void finished(Context ctx) {
        if (ctx.attribute(LOGGED) != null) {
            return; // already recorded, before a forward
        }
        ctx.attribute(LOGGED, Boolean.TRUE);
        Long started = ctx.attribute(STARTED);
        long duration = started == null ? 0 : System.nanoTime() - started;
        Instant arrived = ctx.attribute(ARRIVED);
        RequestRecord record = new RequestRecord(arrived == null ? Instant.now() : arrived, ctx.attribute(ID),
                ctx.method().name(), route(ctx), ctx.statusCode(), duration,
                rules.current().map(Troubleshooter::knowledgeBase).map(rulesInForce -> rulesInForce.version()).orElse(null),
                ctx.pathParamMap().get("id"),
                logSymptoms ? ctx.attribute(RequestBody.ATTRIBUTE) : null);
        metrics.request(record);
        log.write(record);
    }

    /** The route as declared ({@code /v1/cases/{id}}, not the path asked), so that labels stay few. */
    private static String route(Context ctx) {
        try {
            Endpoint declared = ctx.endpoints().lastHttpEndpoint();
            if (declared != null && !declared.path.isEmpty() && !declared.path.equals("*")) {
                return declared.path;
            }
        } catch (RuntimeException e) {
            // no route was reached: a static file, a 404, or a request refused before its route (401)
        }
        if (ctx.statusCode() == HttpStatus.UNAUTHORIZED.getCode()) {
            return "unauthorized";
        }
        return OPEN.contains(ctx.path()) && ctx.statusCode() < 400 ? "page" : "unmatched";
    }
}
