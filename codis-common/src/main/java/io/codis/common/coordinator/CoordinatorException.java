package io.codis.common.coordinator;

/** A coordinator operation failed; the message says which operation, on which path, and why. */
public class CoordinatorException extends RuntimeException {
    public CoordinatorException(String message) {
        super(message);
    }

    public CoordinatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
