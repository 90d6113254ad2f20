package io.codis.common.http;

import io.javalin.http.Context;

/**
 * One admin API route: returns the result that is sent as pretty JSON with status 200, or throws;
 * any exception is answered with status 800 and the error JSON.
 */
@FunctionalInterface
public interface ApiHandler {
    Object handle(Context request) throws Exception;
}
