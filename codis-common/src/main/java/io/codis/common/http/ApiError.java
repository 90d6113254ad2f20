package io.codis.common.http;

/**
 * An expected refusal of an admin API call (bad xauth, closed process, bad argument): answered with
 * status 800 and {@code {"Cause": message, "Stack": null}}.
 */
public class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ApiError(String message) {
        super(message);
    }

    public ApiError(String message, Throwable cause) {
        super(message, cause);
    }
}
