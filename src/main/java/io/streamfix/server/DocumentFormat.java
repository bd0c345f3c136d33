package io.streamfix.server;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;

import java.util.Locale;
import java.util.Set;

/** How a request body is written, told by its {@code Content-Type}: a symptom document is JSON or YAML. */
enum DocumentFormat {
    JSON("application/json"),
    YAML("application/yaml");

    private static final Set<String> YAML_TYPES = Set.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml");

    /** The media type this service writes for the format. */
    final String mediaType;

    DocumentFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /**
     * The format of the request body.
     *
     * @throws HttpResponseException 415 naming the types understood, when the body is neither
     */
    static DocumentFormat of(Context ctx) {
        String type = mediaType(ctx.header("Content-Type"));
        if (type.equals("application/json") || type.endsWith("+json")) {
            return JSON;
        }
        if (YAML_TYPES.contains(type) || type.endsWith("+yaml")) {
            return YAML;
        }
        throw new HttpResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(),
                (type.isEmpty() ? "the request has no Content-Type" : "Content-Type " + type + " is not understood")
                        + ": send a symptom document with Content-Type: application/json or application/yaml");
    }

    /** The format a client asks for in {@code Accept}, or {@code otherwise} when it names neither. */
    static DocumentFormat accepted(Context ctx, DocumentFormat otherwise) {
        String accept = ctx.header("Accept");
        if (accept == null) {
            return otherwise;
        }
        for (String part : accept.split(",")) {
            String type = mediaType(part);
            if (type.equals("application/json")) {
                return JSON;
            }
            if (YAML_TYPES.contains(type)) {
                return YAML;
            }
        }
        return otherwise;
    }

    /** {@code Application/JSON; charset=utf-8} → {@code application/json}. */
    private static String mediaType(String header) {
        if (header == null) {
            return "";
        }
        int parameters = header.indexOf(';');
        return (parameters < 0 ? header : header.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    }
}
