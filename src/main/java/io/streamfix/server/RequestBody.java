package io.streamfix.server;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request body as UTF-8 text, refusing more than a cap. Javalin checks only the declared
 * {@code Content-Length}; a chunked body declares none, so the cap is enforced while reading.
 */
final class RequestBody {
    /** The context attribute that keeps the text read, for a request log that logs symptoms. */
    static final String ATTRIBUTE = "streamfix.body";

    private RequestBody() {
    }

    /**
     * The body as text.
     *
     * @throws HttpResponseException 413 when it is larger than {@code maxBytes}, 400 when it is not UTF-8
     */
    static String text(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
        } catch (IOException | RuntimeException e) {
            throw tooSlow(e);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            ctx.attribute(ATTRIBUTE, text);
            return text;
        } catch (CharacterCodingException e) {
            throw new HttpResponseException(HttpStatus.BAD_REQUEST.getCode(), "the body is not UTF-8 text");
        }
    }

    /** A body cut off by the service's limits on slow clients (see ClientLimits) is a 408, not a fault. */
    private static RuntimeException tooSlow(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.eclipse.jetty.http.HttpException http) {
                // 408 comes with the service's own words; a 400 with Jetty's, which "Early EOF" needs put plainly.
                String reason = http.getCode() != HttpStatus.BAD_REQUEST.getCode() ? cause.getMessage()
                        : "the request body is not valid HTTP: " + ("Early EOF".equalsIgnoreCase(cause.getMessage())
                        ? "it ends before its declared end (a broken chunked encoding, or fewer bytes than its Content-Length)"
                        : cause.getMessage());
                return new HttpResponseException(http.getCode(), reason);
            }
        }
        return e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }

    private static HttpResponseException tooLarge(long maxBytes) {
        return new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(),
                "the body is too large: at most " + maxBytes + " bytes");
    }
}
