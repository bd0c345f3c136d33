package io.streamfix.cli;

import io.javalin.util.JavalinBindException;
import io.streamfix.Troubleshooter;
import io.streamfix.cases.CaseStore;
import io.streamfix.cases.CaseStoreException;
import io.streamfix.input.InputLimits;
import io.streamfix.output.Printable;
import io.streamfix.server.ApiTokens;
import io.streamfix.server.LiveRules;
import io.streamfix.server.RequestLog;
import io.streamfix.server.ServiceLimits;
import io.streamfix.server.ServiceOptions;
import io.streamfix.server.StreamfixServer;
import io.streamfix.engine.TimeBudget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code streamfix serve}: the diagnosis service for support tools and the agent page. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves diagnoses over HTTP: a JSON API for support tools and, at /, a page that "
                + "walks a support agent through a case (questions, causes, fixes, escalation).",
                "",
                "Routes: POST /v1/diagnose (a symptom document, JSON or YAML), POST /v1/diagnose/batch, "
                + "POST /v1/case, GET /v1/knowledge, GET /health, GET /metrics (Prometheus), "
                + "GET /openapi.json (OpenAPI 3.1 of them all). Errors are JSON: {\"errors\": [...]}.",
                "",
                "One JSON line per request goes to stderr (time, request id, route, status, duration, rules "
                + "version), echoing X-Request-Id; no symptom content unless --log-symptoms.",
                "",
                "With --cases DB it keeps cases (see the README, \"Keeping cases\"): POST /v1/cases, "
                + "POST /v1/cases/{id}/steps, GET /v1/cases/{id}, GET /v1/cases; the agent page then records each step.",
                "",
                "The rules folder is watched: an edit that loads is live on the next request; one that does "
                + "not is logged and shown in GET /v1/knowledge, and the last good rules keep serving.",
                "",
                "Listens on loopback only unless --bind says otherwise; beyond loopback it needs --tokens, and "
                + "every route but /health (and the page's own files) asks for Authorization: Bearer <token>. "
                + "Stop it with Ctrl-C."},
        footer = {"", "Examples:",
                "  streamfix serve            # then open http://127.0.0.1:8403/",
                "  curl -s -H 'Content-Type: application/yaml' \\",
                "       --data-binary @facts/vpn-active-phone.yaml \\",
                "       http://127.0.0.1:8403/v1/diagnose",
                "  streamfix serve --port 9000 --rules my-rules/",
                "  streamfix serve --cases cases.db   # keep every case in a SQLite file",
                "  streamfix token --file tokens.txt --name support-tool   # prints a new token",
                "  streamfix serve --bind 0.0.0.0 --tokens tokens.txt      # other machines too",
                "", "Exit codes: 0 stopped, 2 bad usage (e.g. the port is in use, no --tokens beyond loopback), "
                + "3 rules broken at startup, 4 the case store cannot be opened."})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8403", paramLabel = "PORT",
            description = "TCP port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only). 0.0.0.0 or a "
                    + "LAN address makes the service reachable from other machines, and needs --tokens.")
    String bind;

    @Option(names = "--tokens", paramLabel = "FILE",
            description = "API tokens (their hashes, one a line; made by `streamfix token`): every route but "
                    + "/health and the page's files then asks for Authorization: Bearer <token>. Required "
                    + "beyond loopback, optional on it. The file is read again when it changes.")
    Path tokens;

    @Option(names = "--metrics", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Serve Prometheus metrics at /metrics (default: on; --no-metrics turns them off).")
    boolean metrics;

    @Option(names = "--request-log", defaultValue = "stderr", paramLabel = "stderr|off|FILE",
            description = "Where the request log goes: one JSON line per request (default: ${DEFAULT-VALUE}).")
    String requestLog;

    @Option(names = "--log-symptoms",
            description = "Also put each request's body (the symptoms a caller sent) in the request log.")
    boolean logSymptoms;

    @Option(names = "--max-input-size", paramLabel = "SIZE", defaultValue = "1MiB", converter = ByteSize.class,
            description = "Largest request body, e.g. 2MiB or 500000 (default: ${DEFAULT-VALUE}); larger ones are "
                    + "refused with 413. The other input limits are those of symptom files.")
    long maxInputSize;

    @Option(names = "--time-budget", paramLabel = "DURATION", defaultValue = "10s", converter = DurationOption.class,
            description = "Longest one diagnosis may run, e.g. 10s, 500ms (default: ${DEFAULT-VALUE}); past it the "
                    + "request gets 503 naming the rule that was firing, the rule is set aside (later cases that "
                    + "reach it get 503 at once) and GET /health says degraded until the fixed rules are loaded.")
    Duration timeBudget;

    @Option(names = "--queue-size", paramLabel = "N", defaultValue = "256",
            description = "How many diagnoses may wait for a free core (default: ${DEFAULT-VALUE}); when the line "
                    + "is full, requests get 503 with Retry-After: 1.")
    int queueSize;

    @Mixin
    RulesOption rules;

    @Mixin
    CasesOption cases;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--port': " + port
                    + " is not a TCP port (0 to 65535; 0 picks a free one)");
        }
        if (queueSize < 1) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--queue-size': " + queueSize
                    + " (at least 1)");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            java.net.InetAddress.getByName(bind);
        } catch (java.net.UnknownHostException e) {
            err.println("error: cannot listen on " + Printable.escape(bind) + ": no such host or address "
                    + "(--bind takes an address of this machine, e.g. 127.0.0.1, or a name that resolves to one)");
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        ServiceOptions options;
        try {
            options = new ServiceOptions(bind, port, InputLimits.DEFAULT.withMaxFileBytes(maxInputSize),
                    tokens == null ? null : ApiTokens.load(tokens), metrics, requestLog(), logSymptoms,
                    ServiceLimits.DEFAULT.withTimeBudget(new TimeBudget(timeBudget)).withQueueCapacity(queueSize));
        } catch (IllegalArgumentException | ApiTokens.TokenFileException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        LiveRules live = new LiveRules();
        CaseStore store = cases.given() ? openStore(err) : null;
        if (cases.given() && store == null) {
            return ExitCode.CASES_UNAVAILABLE;
        }
        StreamfixServer server;
        try {
            server = StreamfixServer.start(live, options, store);
        } catch (JavalinBindException e) {
            if (store != null) {
                store.close();
            }
            boolean inUse = e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("in use");
            err.println("error: cannot listen on " + bind + ":" + port + ": " + e.getMessage()
                    + (inUse ? " (choose another with --port, or stop the other process)"
                    : " (--bind takes an address of this machine)"));
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            live.current().ifPresent(Troubleshooter::close); // stops watching the rules folder
            if (store != null) {
                store.close();
            }
            stopped.countDown();
        }, "streamfix-stop"));
        // Rules that do not load at startup stop the service (exit 3), as every command does; later
        // edits are reloaded in the background, and a bad one leaves the last good rules serving.
        Troubleshooter watched = Troubleshooter.watch(rules.folder, live);
        live.loaded(watched);
        out.println("streamfix: serving the rules in " + rules.folder + " at " + server.address()
                + " (the agent page; the API is under /v1" + (store == null ? "" : "; cases kept in " + store.describe())
                + "). Stop with Ctrl-C.");
        out.flush();
        stopped.await();
        return ExitCode.OK;
    }

    /** The case store, or null after saying why it cannot be opened. */
    private CaseStore openStore(PrintWriter err) {
        try {
            return cases.open();
        } catch (CaseStoreException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return null;
        }
    }

    private RequestLog requestLog() {
        return switch (requestLog) {
            case "stderr" -> RequestLog.toStandardError();
            case "off" -> RequestLog.OFF;
            default -> RequestLog.toFile(Path.of(requestLog));
        };
    }
}
