package io.streamfix.server;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of every route and answer, kept in the
 * repository as {@code src/main/resources/openapi.json} (a test checks it against the running service).
 */
final class OpenApiDocument {
    static final String RESOURCE = "/openapi.json";
    private static final byte[] DOCUMENT = read();

    private OpenApiDocument() {
    }

    static void show(Context ctx) {
        ctx.contentType("application/json").result(DOCUMENT);
    }

    private static byte[] read() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
