package io.streamfix.server;

import io.streamfix.input.InputLimits;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How a {@link StreamfixServer} runs: where it listens, what a request may send, who may call it, and
 * what it records. Beyond loopback a service without tokens is refused: the constructor throws.
 *
 * <pre>{@code
 * ServiceOptions options = ServiceOptions.loopback(8403)
 *         .withTokens(ApiTokens.load(Path.of("tokens.txt")))
 *         .withRequestLog(RequestLog.toStandardError());
 * StreamfixServer server = StreamfixServer.start(rules, options);
 * }</pre>
 *
 * @param host        the address to listen on, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port        the TCP port; 0 picks a free one
 * @param inputLimits the limits of a symptom document, the file size also capping every request body
 * @param tokens      the API tokens every route but {@code /health} (and the page's own files) asks for,
 *                    or {@code null} for none (loopback only)
 * @param metrics     whether {@code /metrics} is served and requests are measured
 * @param requestLog  where the request log goes ({@link RequestLog#OFF} for nowhere)
 * @param logSymptoms whether the request log also holds each request's body (symptom content)
 * @param limits      time budget, queue and slow-client limits ({@link ServiceLimits#DEFAULT})
 */
public record ServiceOptions(String host, int port, InputLimits inputLimits, ApiTokens tokens, boolean metrics,
                             RequestLog requestLog, boolean logSymptoms, ServiceLimits limits) {
    public ServiceOptions {
        if (tokens == null && !isLoopback(host)) {
            throw new IllegalArgumentException("listening on " + host + " makes the service reachable from other "
                    + "machines: it needs API tokens (serve --tokens FILE; make one with: streamfix token --file FILE)");
        }
    }

    /** On {@code 127.0.0.1}, the default limits, no tokens, metrics on, no request log. */
    public static ServiceOptions loopback(int port) {
        return new ServiceOptions("127.0.0.1", port, InputLimits.DEFAULT, null, true, RequestLog.OFF, false, ServiceLimits.DEFAULT);
    }

    public ServiceOptions withHost(String host) {
        return new ServiceOptions(host, port, inputLimits, tokens, metrics, requestLog, logSymptoms, limits);
    }

    public ServiceOptions withInputLimits(InputLimits inputLimits) {
        return new ServiceOptions(host, port, inputLimits, tokens, metrics, requestLog, logSymptoms, limits);
    }

    public ServiceOptions withTokens(ApiTokens tokens) {
        return new ServiceOptions(host, port, inputLimits, tokens, metrics, requestLog, logSymptoms, limits);
    }

    public ServiceOptions withMetrics(boolean metrics) {
        return new ServiceOptions(host, port, inputLimits, tokens, metrics, requestLog, logSymptoms, limits);
    }

    public ServiceOptions withRequestLog(RequestLog requestLog, boolean logSymptoms) {
        return new ServiceOptions(host, port, inputLimits, tokens, metrics, requestLog, logSymptoms, limits);
    }

    /** The same options with other limits on time, the queue and slow clients ({@link ServiceLimits}). */
    public ServiceOptions withLimits(ServiceLimits limits) {
        return new ServiceOptions(host, port, inputLimits, tokens, metrics, requestLog, logSymptoms, limits);
    }

    /** Only a literal address or a name that resolves to loopback counts as loopback. */
    public static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // the bind itself will report it
        }
    }
}
