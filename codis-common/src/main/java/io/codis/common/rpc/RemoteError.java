package io.codis.common.rpc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;
import java.util.List;

/**
 * The body of a failed admin API call (status 800): {@code {"Cause": message, "Stack": null | [frames]}}.
 * Also the {@code error} of a stats sample. {@code stack} is {@code null} when there is none.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"Cause", "Stack"})
public record RemoteError(
        @JsonProperty("Cause") String cause,
        @JsonProperty("Stack") @JsonInclude(JsonInclude.Include.ALWAYS) List<RemoteStackFrame> stack) {

    public RemoteError {
        cause = cause == null ? "" : cause;
        stack = stack == null ? null : List.copyOf(stack);
    }

    /** An error with a message and no stack ({@code "Stack": null}). */
    public static RemoteError of(String cause) {
        return new RemoteError(cause, null);
    }

    /** An error carrying the exception's message and its stack frames. */
    public static RemoteError of(Throwable error) {
        String message = error.getMessage() != null ? error.getMessage() : error.getClass().getName();
        return new RemoteError(message, Arrays.stream(error.getStackTrace()).map(RemoteStackFrame::of).toList());
    }
}
