package io.streamfix.server;

import io.javalin.config.JavalinConfig;
import io.streamfix.output.JsonOutput;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The limits against slow and idle clients, set on Jetty (see {@link ServiceLimits}). A request body is
 * read without holding a thread (Jetty's {@link EagerContentHandler}), so bodies that trickle cannot
 * take the threads that answer everyone else; one that is slower than the minimum rate, or not all
 * there by the body timeout, gets 408 and its connection is closed. Headers that do not end by the
 * header timeout get 408 too, and a connection idle for the idle timeout is closed. Jetty's own error answers (a malformed
 * request line, headers too large, an unknown HTTP version, for any method) are the service's JSON,
 * {@code {"errors": [{"message": ...}]}}, in plain words, not Jetty's HTML or an empty body.
 */
final class ClientLimits {
    /** A body's first second is not held to the minimum rate: a client may take a moment to start. */
    private static final long RATE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final JsonOutput JSON = JsonOutput.compact();

    private ClientLimits() {
    }

    /** The service's error body, for answers written below Javalin. */
    private static String json(String message) {
        return JSON.render(ErrorResponse.of(message));
    }

    static void apply(JavalinConfig config, ServiceLimits limits, long maxBodyBytes) {
        config.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(limits.idleTimeout().toMillis()));
        config.jetty.modifyServer(server -> {
            server.setErrorHandler(new JsonErrors());
            // Javalin adds its connector after this: set it up as the server starts.
            server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarting(LifeCycle event) {
                    for (org.eclipse.jetty.server.Connector connector : server.getConnectors()) {
                        connector.addBean(new HeaderTimeout(connector.getScheduler(), limits.headerTimeout().toMillis()));
                        if (connector instanceof AbstractConnector withTimeout) {
                            withTimeout.setIdleTimeout(limits.idleTimeout().toMillis());
                        }
                    }
                }
            });
        });
        config.jetty.modifyServletContextHandler(context -> {
            context.setErrorHandler(new JsonErrors());
            // Outermost first: the body guard sees every read the eager loader makes.
            context.insertHandler(new EagerContentHandler(
                    new EagerContentHandler.RetainedContentLoaderFactory(maxBodyBytes + 1, 0, false)));
            context.insertHandler(new BodyGuard(limits));
        });
    }

    /** Holds a request body to the minimum data rate and the body timeout. */
    private static final class BodyGuard extends Handler.Wrapper {
        private final long timeoutNanos;
        private final long minRate;

        BodyGuard(ServiceLimits limits) {
            this.timeoutNanos = limits.bodyTimeout().toNanos();
            this.minRate = limits.minBodyRate();
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            return super.handle(new Guarded(request), response, callback);
        }

        private final class Guarded extends Request.Wrapper {
            private final long start = System.nanoTime();
            private long bytes;

            Guarded(Request request) {
                super(request);
            }

            @Override
            public Content.Chunk read() {
                Content.Chunk chunk = super.read();
                if (chunk == null || Content.Chunk.isFailure(chunk)) {
                    return chunk;
                }
                bytes += chunk.remaining();
                if (chunk.isLast()) {
                    return chunk;
                }
                long elapsed = System.nanoTime() - start;
                String slow = elapsed > timeoutNanos
                        ? "the request body did not all arrive within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s"
                        : elapsed > RATE_GRACE_NANOS && bytes * 1_000_000_000L / elapsed < minRate
                        ? "the request body arrives slower than " + minRate + " bytes a second"
                        : null;
                if (slow == null) {
                    return chunk;
                }
                chunk.release();
                return Content.Chunk.from(new HttpException.RuntimeException(408, slow), true);
            }
        }
    }

    /** Answers 408 and closes a connection whose request line and headers have not ended in time. */
    private static final class HeaderTimeout implements Connection.Listener {
        private final Scheduler scheduler;
        private final long timeoutMillis;

        HeaderTimeout(Scheduler scheduler, long timeoutMillis) {
            this.scheduler = scheduler;
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public void onOpened(Connection connection) {
            if (connection instanceof HttpConnection http) {
                check(http, -1);
            }
        }

        /** Every half timeout: still in the headers of the same request as last time means too slow. */
        private void check(HttpConnection http, long requestSeenInHeaders) {
            scheduler.schedule(() -> {
                EndPoint endPoint = http.getEndPoint();
                if (!endPoint.isOpen()) {
                    return;
                }
                boolean inHeaders = !http.getParser().isStart() && http.getParser().inHeaderState();
                long request = http.getMessagesIn();
                if (inHeaders && request == requestSeenInHeaders) {
                    byte[] body = json("the request's headers did not all arrive within " + timeoutMillis / 1000
                            + " s").getBytes(StandardCharsets.UTF_8);
                    byte[] head = ("HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\n"
                            + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    endPoint.write(Callback.from(endPoint::close), ByteBuffer.wrap(head), ByteBuffer.wrap(body));
                    return;
                }
                check(http, inHeaders ? request : -1);
            }, timeoutMillis / 2, TimeUnit.MILLISECONDS);
        }

        @Override
        public void onClosed(Connection connection) {
        }
    }

    /** Jetty's own error answers, as the service's JSON. */
    static final class JsonErrors extends ErrorHandler {
        /** Every method gets the JSON body, not only GET, POST and HEAD (Jetty's default answers others empty). */
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(json(describe(code, message))
                    .getBytes(StandardCharsets.UTF_8)), callback);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
            return ByteBuffer.wrap(json(describe(status, reason)).getBytes(StandardCharsets.UTF_8));
        }

        private static String describe(int code, String message) {
            String what = switch (code) {
                case 400 -> "the request is not valid HTTP";
                case 404 -> "no such route; the service has " + StreamfixServer.ROUTES;
                case 408 -> "the request took too long to arrive";
                case 413 -> "the request is too large";
                case 414 -> "the request line is too long";
                case 417 -> "the Expect header asks for what the service does not do (it understands 100-continue)";
                case 426 -> "HTTP/2 is not served here: use HTTP/1.1";
                case 431 -> "the request's headers are too large";
                case 505 -> "the HTTP version is not supported (use HTTP/1.1)";
                default -> "the request cannot be served (HTTP " + code + ")";
            };
            // Jetty's reason phrase ("Bad Request") only repeats the status: the words above say more.
            boolean onlyThePhrase = message == null || message.isBlank()
                    || message.equalsIgnoreCase(org.eclipse.jetty.http.HttpStatus.getMessage(code));
            return onlyThePhrase ? what : what + ": " + message;
        }
    }
}
