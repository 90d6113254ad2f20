package io.codis.common.coordinator.etcd;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Gets at the failure a completion or execution exception wraps. */
final class AsyncFailures {
    private AsyncFailures() {
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The messages along the cause chain, outermost first, without repeats ("UNAUTHENTICATED: ... invalid password"). */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : " <- ").append(message);
            }
        }
        return text.toString();
    }
}
