package io.codis.common.cli;

/**
 * Stops a program with a one-line reason on standard error and exit status 1, as the original's
 * panics do. The message must make sense to an operator on its own.
 */
public class FatalError extends RuntimeException {
    public FatalError(String message) {
        super(message);
    }

    public FatalError(String message, Throwable cause) {
        super(message, cause);
    }
}
