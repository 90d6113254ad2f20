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
}
