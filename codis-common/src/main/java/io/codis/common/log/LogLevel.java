package io.codis.common.log;

import ch.qos.logback.classic.Level;
import java.util.Locale;
import java.util.Optional;

/** The log levels an operator may name: ERROR, WARN (or WARNING), INFO, DEBUG and NONE, in any case. */
public enum LogLevel {
    ERROR(Level.ERROR),
    WARN(Level.WARN),
    INFO(Level.INFO),
    DEBUG(Level.DEBUG),
    NONE(Level.OFF);

    private final Level logbackLevel;

    LogLevel(Level logbackLevel) {
        this.logbackLevel = logbackLevel;
    }

    Level logbackLevel() {
        return logbackLevel;
    }

    /** The level called {@code name}, or empty when no level has that name. */
    public static Optional<LogLevel> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String upper = name.strip().toUpperCase(Locale.ROOT);
        if (upper.equals("WARNING")) {
            return Optional.of(WARN);
        }
        for (LogLevel level : values()) {
            if (level.name().equals(upper)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
