package io.codis.common.json;

import com.fasterxml.jackson.core.JsonProcessingException;

/** A JSON document that could not be decoded; the message is one line naming the problem. */
public final class JsonDecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JsonDecodeException(Exception cause) {
        super(describe(cause), cause);
    }

    private static String describe(Exception cause) {
        String reason = cause instanceof JsonProcessingException json ? json.getOriginalMessage() : cause.getMessage();
        if (reason == null) {
            reason = cause.getClass().getSimpleName();
        }
        return "invalid json: " + reason.lines().findFirst().orElse("").strip();
    }
}
