package io.codis.common.http;

import com.fasterxml.jackson.core.type.TypeReference;
import io.codis.common.json.JsonCodec;
import io.codis.common.json.JsonDecodeException;
import io.javalin.http.Context;

/**
 * Request bodies as the original's admin APIs read them: a body that is empty or not valid JSON for
 * the expected type is silently treated as the empty value (no 400).
 */
public final class RequestBodies {
    private RequestBodies() {
    }

    /** The body decoded as {@code type}, or {@code empty} when it is missing, {@code null} or undecodable. */
    public static <T> T jsonOr(Context request, TypeReference<T> type, T empty) {
        byte[] body = request.bodyAsBytes();
        if (body.length == 0) {
            return empty;
        }
        try {
            T value = JsonCodec.read(body, type);
            return value == null ? empty : value;
        } catch (JsonDecodeException e) {
            return empty;
        }
    }
}
