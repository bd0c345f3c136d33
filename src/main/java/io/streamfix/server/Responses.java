package io.streamfix.server;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.streamfix.output.JsonOutput;

/** Writes response bodies with the CLI's JSON conventions (snake_case keys, lower-case enum values). */
final class Responses {
    private static final JsonOutput JSON = JsonOutput.compact();

    private Responses() {
    }

    static void json(Context ctx, HttpStatus status, Object body) {
        ctx.status(status).contentType("application/json").result(JSON.renderUtf8(body));
    }
}
