package io.codis.admin;

import io.codis.common.cli.FatalError;
import io.codis.common.log.LogLevel;

/** {@code --log-level=LEVEL} of codis-admin: checked before any call, sent as the upper-case name. */
public final class LogLevelOption {
    private LogLevelOption() {
    }

    /** The level named {@code value}, or a fatal {@code option --log-level = {value}}. */
    public static LogLevel parse(String value) {
        return LogLevel.parse(value).orElseThrow(() -> new FatalError("option --log-level = " + value));
    }
}
