package io.streamfix.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.streamfix.cases.CaseStore;
import io.streamfix.engine.RuleFault;
import io.streamfix.engine.RuleTimeout;
import io.streamfix.input.InputLimits;
import io.streamfix.input.InvalidSymptomsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Map;

/**
 * The streamfix service: the JSON API for support tools and the agent page, on Javalin (Jetty).
 *
 * <pre>{@code
 * LiveRules rules = new LiveRules();
 * try (StreamfixServer server = StreamfixServer.start(rules, "127.0.0.1", 8403)) {
 *     rules.loaded(Troubleshooter.load(Path.of("rules")));
 *     System.out.println("open " + server.address());
 * }
 * }</pre>
 *
 * <p>Every error is answered as {@code {"errors": [{"message": ...}]}}: 400 bad input (located like the
 * CLI's messages), 404 unknown route, 405 wrong method, 413 body too large, 415 neither JSON nor YAML,
 * 503 rules still loading, 500 a fault on the service's side (logged), 401 no or a wrong API token
 * (when the service has tokens). No response carries a stack trace. {@code /openapi.json} describes
 * every route and answer.
 */
public final class StreamfixServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamfixServer.class);

    /** What a 404 lists, so that a caller sees what there is. */
    static final String ROUTES = "GET / (the agent page), POST /v1/diagnose, POST /v1/diagnose/batch, "
            + "POST /v1/case, GET /v1/knowledge, GET /health, GET /metrics, GET /openapi.json";

    /**
     * The page loads only its own files: no external network resources, no inline script. Tools that
     * read the API are not browsers, so the header only matters for the page.
     */
    private static final Map<String, String> PAGE_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
            "Cache-Control", "no-cache",
            "X-Content-Type-Options", "nosniff");

    private final Javalin app;
    private final String host;
    private final DiagnosisQueue queue;
    private final ServiceMetrics metrics;

    private StreamfixServer(Javalin app, String host, DiagnosisQueue queue, ServiceMetrics metrics) {
        this.app = app;
        this.host = host;
        this.queue = queue;
        this.metrics = metrics;
    }

    /**
     * Starts serving on {@code host:port} ({@code port} 0 picks a free one) with the default input limits.
     * The service answers at once; until {@code rules} are loaded, {@code /health} says {@code loading}
     * and diagnoses are 503.
     *
     * @throws io.javalin.util.JavalinBindException when the address cannot be bound (port in use, unknown host)
     * @throws IllegalArgumentException when {@code host} is beyond loopback: that needs tokens ({@link #start(LiveRules, ServiceOptions)})
     */
    public static StreamfixServer start(LiveRules rules, String host, int port) {
        return start(rules, ServiceOptions.loopback(port).withHost(host));
    }

    /**
     * Starts serving with the given input limits: the same as for a symptom file, the file size also
     * capping every request body (413 above it).
     */
    public static StreamfixServer start(LiveRules rules, String host, int port, InputLimits inputLimits) {
        return start(rules, ServiceOptions.loopback(port).withHost(host).withInputLimits(inputLimits));
    }

    /**
     * Starts serving as {@code options} say: address, input limits, tokens, metrics, request log, and the
     * limits on time, the queue and slow clients ({@link ServiceLimits}).
     */
    public static StreamfixServer start(LiveRules rules, ServiceOptions options) {
        return start(rules, options, null);
    }

    /**
     * Starts serving as {@code options} say, keeping cases in {@code cases} (the routes under
     * {@code /v1/cases}); {@code null} keeps none and has no such routes. The store stays the caller's to close.
     */
    public static StreamfixServer start(LiveRules rules, ServiceOptions options, CaseStore cases) {
        InputLimits inputLimits = options.inputLimits();
        RequestLimits limits = new RequestLimits(inputLimits);
        ServiceLimits service = options.limits();
        DiagnosisQueue queue = new DiagnosisQueue(Runtime.getRuntime().availableProcessors(),
                service.timeBudget(), service.queueCapacity());
        ServiceMetrics metrics = options.metrics() ? ServiceMetrics.prometheus() : ServiceMetrics.off();
        metrics.watch(rules, queue);
        rules.listen(metrics);
        RequestTracking tracking = new RequestTracking(rules, options, metrics);
        DiagnoseEndpoint diagnose = new DiagnoseEndpoint(rules, limits, queue, metrics);
        KnowledgeEndpoint knowledge = new KnowledgeEndpoint(rules);
        HealthEndpoint health = new HealthEndpoint(rules, queue);
        CaseEndpoint caseFile = new CaseEndpoint(diagnose);
        CasesEndpoint kept = cases == null ? null : new CasesEndpoint(diagnose, limits, cases);
        String routes = cases == null ? ROUTES : ROUTES + ", " + CasesEndpoint.ROUTES;
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = inputLimits.maxFileBytes();
            ClientLimits.apply(config, service, inputLimits.maxFileBytes());
            config.staticFiles.add(page -> {
                page.hostedPath = "/";
                page.directory = "/web";
                page.location = Location.CLASSPATH;
                page.headers = PAGE_HEADERS;
            });
            config.routes.post("/v1/diagnose", diagnose::diagnose);
            config.routes.post("/v1/diagnose/batch", diagnose::diagnoseBatch);
            config.routes.post("/v1/case", caseFile::convert);
            config.routes.get("/v1/knowledge", knowledge::show);
            config.routes.get("/health", health::show);
            if (kept != null) {
                config.routes.post("/v1/cases", CasesEndpoint.guarded(kept::open));
                config.routes.get("/v1/cases", CasesEndpoint.guarded(kept::list));
                config.routes.post("/v1/cases/{id}/steps", CasesEndpoint.guarded(kept::recordStep));
                config.routes.get("/v1/cases/{id}", CasesEndpoint.guarded(kept::show));
            }
            config.routes.get("/openapi.json", OpenApiDocument::show);
            if (metrics.enabled()) {
                config.routes.get("/metrics", ctx -> ctx.contentType(ServiceMetrics.CONTENT_TYPE).result(metrics.scrape()));
            }
            config.routes.before(tracking::arrived);
            config.routes.before(new LoopbackGuard(ServiceOptions.isLoopback(options.host()))::check);
            config.requestLogger.http((ctx, millis) -> tracking.finished(ctx));
            config.routes.exception(InvalidSymptomsException.class, (e, ctx) -> Responses.json(ctx, HttpStatus.BAD_REQUEST,
                    new ErrorResponse(e.problems().stream().map(ApiError::of).toList())));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> httpError(e, ctx, routes));
            config.routes.exception(DiagnosisQueue.Full.class, (e, ctx) -> {
                ctx.header("Retry-After", "1");
                Responses.json(ctx, HttpStatus.SERVICE_UNAVAILABLE, ErrorResponse.of(e.getMessage()));
            });
            config.routes.exception(RuleTimeout.class, (e, ctx) -> {
                LOG.error("a diagnosis ran past its time budget on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                Responses.json(ctx, HttpStatus.SERVICE_UNAVAILABLE, ErrorResponse.of(e.getMessage()
                        + " (GET /health says degraded until fixed rules are loaded)"));
            });
            config.routes.exception(RuleFault.class, (e, ctx) -> {
                LOG.error("a rule failed on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                Responses.json(ctx, HttpStatus.INTERNAL_SERVER_ERROR, ErrorResponse.of("a rule failed while running: "
                        + e.getMessage() + " (the rules need fixing; the service's log has the details)"));
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
                Responses.json(ctx, HttpStatus.INTERNAL_SERVER_ERROR,
                        ErrorResponse.of("internal error: the service failed on this request (its log has the details; please report it)"));
            });
        });
        app.start(options.host(), options.port());
        StreamfixServer server = new StreamfixServer(app, options.host(), queue, metrics);
        LOG.info("listening on {}", server.address());
        return server;
    }

    /** The status of an HTTP error, with a message that says what to do instead. */
    private static void httpError(HttpResponseException e, Context ctx, String routes) {
        HttpStatus status = HttpStatus.forStatus(e.getStatus());
        String methods = e.getDetails().get("availableMethods");
        if (status == HttpStatus.METHOD_NOT_ALLOWED && methods != null) {
            ctx.header("Allow", methods.replaceAll("[\\[\\]]", "")); // RFC 9110: a 405 lists what is allowed
        }
        String message = switch (status) {
            case NOT_FOUND -> "no such route: " + ctx.method() + " " + ctx.path() + "; the service has " + routes;
            case METHOD_NOT_ALLOWED -> ctx.method() + " is not allowed on " + ctx.path()
                    + allowed(e) + "; the service has " + routes;
            default -> e.getMessage();
        };
        if (status == HttpStatus.UNAUTHORIZED) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"streamfix\"");
        }
        Responses.json(ctx, status, ErrorResponse.of(message));
    }

    private static String allowed(HttpResponseException e) {
        String methods = e.getDetails().get("availableMethods");
        return methods == null ? "" : ": use " + methods;
    }

    /** The port the service listens on (the real one when started with port 0). */
    public int port() {
        return app.port();
    }

    /** The base address, e.g. {@code http://127.0.0.1:8403/}. */
    public URI address() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shown + ":" + port() + "/");
    }

    /** Stops accepting requests and finishes the ones in flight. */
    @Override
    public void close() {
        app.stop();
        queue.close();
        metrics.close();
        LOG.info("stopped");
    }
}
