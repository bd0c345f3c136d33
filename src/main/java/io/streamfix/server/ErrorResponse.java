package io.streamfix.server;

import java.util.List;

/**
 * The body of every error response: {@code {"errors": [{"message": "..."}]}}, never a stack trace.
 *
 * @param errors at least one
 */
public record ErrorResponse(List<ApiError> errors) {
    public ErrorResponse {
        errors = List.copyOf(errors);
    }

    /** A response with one error that is not about a place in the input. */
    public static ErrorResponse of(String message) {
        return new ErrorResponse(List.of(ApiError.of(message)));
    }
}
