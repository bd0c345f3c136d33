package io.streamfix.server;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * While the service listens on loopback only, a request must name a loopback host: a web page that
 * rebinds its own DNS name to 127.0.0.1 (DNS rebinding) reaches the port, but its requests carry its
 * own name in {@code Host}, and are refused with 403. An {@code Origin} header, which browsers send
 * with cross-site and POST requests, must be a loopback origin too. Tools that are not browsers send
 * {@code Host: 127.0.0.1:8403} or {@code localhost}, and no {@code Origin}.
 */
final class LoopbackGuard {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final boolean active;

    /** @param loopback whether the service listens on loopback only; beyond it tokens guard it instead */
    LoopbackGuard(boolean loopback) {
        this.active = loopback;
    }

    void check(Context ctx) {
        if (!active) {
            return;
        }
        String host = ctx.header("Host");
        if (host == null || !isLoopbackName(hostName(host))) {
            throw new HttpResponseException(HttpStatus.FORBIDDEN.getCode(), "the Host header "
                    + (host == null ? "is missing" : "\"" + io.streamfix.output.Printable.escape(host) + "\" does not name this machine")
                    + ": the service listens on loopback only and answers requests for localhost or 127.0.0.1 "
                    + "(a web page whose name points here, DNS rebinding, is refused)");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equals("null") && !isLoopbackOrigin(origin)) {
            throw new HttpResponseException(HttpStatus.FORBIDDEN.getCode(), "requests from the web page at \""
                    + io.streamfix.output.Printable.escape(origin) + "\" are refused: only the agent page of this "
                    + "service, on localhost or 127.0.0.1, may call it from a browser");
        }
    }

    private static boolean isLoopbackOrigin(String origin) {
        try {
            URI uri = URI.create(origin);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && isLoopbackName(uri.getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code 127.0.0.1:8403} → {@code 127.0.0.1}; {@code [::1]:8403} → {@code [::1]}. */
    private static String hostName(String host) {
        String lower = host.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("[")) {
            int end = lower.indexOf(']');
            return end < 0 ? lower : lower.substring(0, end + 1);
        }
        int colon = lower.indexOf(':');
        return colon < 0 ? lower : lower.substring(0, colon);
    }

    private static boolean isLoopbackName(String name) {
        return LOOPBACK_NAMES.contains(name) || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
