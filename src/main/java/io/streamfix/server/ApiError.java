package io.streamfix.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.streamfix.input.InputProblem;

/**
 * One error in an error response ({@code {"errors": [...]}}). For a bad symptom document the message is
 * exactly the line the CLI prints after {@code error: }, and the place is also given field by field.
 *
 * @param message what is wrong, e.g. {@code <request>:2:8: network.dns: "automatc" is not one of automatic, manual}
 * @param field   the field path, e.g. {@code network.dns}; absent when the error is not about one field
 * @param line    1-based line in the request body; absent when unknown (e.g. in JSON input)
 * @param column  1-based column; absent when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String message, String field, Integer line, Integer column) {

    /** An error that is not about a place in the input (a wrong route, a body too large, …). */
    public static ApiError of(String message) {
        return new ApiError(message, null, null, null);
    }

    /** A problem of a symptom document, worded as the CLI words it. */
    public static ApiError of(InputProblem problem) {
        return new ApiError(problem.format(), problem.field().isEmpty() ? null : problem.field(),
                problem.line() > 0 ? problem.line() : null, problem.column() > 0 ? problem.column() : null);
    }
}
