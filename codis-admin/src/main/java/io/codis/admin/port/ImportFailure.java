package io.codis.admin.port;

import io.codis.common.cli.FatalError;

/** An import that cannot go on: its one-line reason. */
final class ImportFailure extends FatalError {
    ImportFailure(String message) {
        super(message);
    }

    /** The most telling message of {@code error} and its causes. */
    static String messageOf(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() != null ? cause.getMessage() : error.getMessage();
        return message != null ? message : error.getClass().getSimpleName();
    }
}
