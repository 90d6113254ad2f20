package io.codis.common.http;

import io.codis.common.log.LogLevel;
import io.codis.common.log.Logs;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code loglevel/:xauth/:value} route of the dashboard and the proxy: sets the log level live. */
public final class LogLevelRoute {
    private static final Logger LOG = LoggerFactory.getLogger(LogLevelRoute.class);

    private LogLevelRoute() {
    }

    /** Sets the level named by the {@code value} path parameter, with the original's error texts. */
    public static void apply(Context ctx) {
        String value = ctx.pathParam("value");
        if (value.isEmpty()) {
            throw new ApiError("missing loglevel");
        }
        LogLevel level = LogLevel.parse(value).orElseThrow(() -> new ApiError("invalid loglevel"));
        Logs.setLevel(level);
        LOG.warn("set loglevel to {}", value);
    }
}
