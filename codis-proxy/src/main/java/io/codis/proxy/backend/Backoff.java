package io.codis.proxy.backend;

/**
 * When a failed backend connection may dial again, as the reference has it: the first 10 failures in a
 * row are retried at once, then the delay starts at 50 ms and doubles up to 5 s. A completed handshake
 * ends the row. Loop-confined.
 */
final class Backoff {

    private static final int IMMEDIATE_RETRIES = 10;
    private static final long MIN_DELAY_NANOS = 50_000_000L;
    private static final long MAX_DELAY_NANOS = 5_000_000_000L;

    private int failures;
    private long retryAtNanos;

    /** Counts a failure at {@code nowNanos}; returns how many came in a row. */
    int failed(long nowNanos) {
        failures++;
        retryAtNanos = nowNanos + delayNanos(failures);
        return failures;
    }

    /** The connection is serving: the next failure is the first of a new row. */
    void succeeded() {
        failures = 0;
    }

    /** Whether the delay since the last failure has passed at {@code nowNanos}. */
    boolean mayRetry(long nowNanos) {
        return nowNanos - retryAtNanos >= 0;
    }

    /** The delay after {@code failures} failures in a row. */
    static long delayNanos(int failures) {
        if (failures <= IMMEDIATE_RETRIES) {
            return 0;
        }
        return Math.min(MAX_DELAY_NANOS, MIN_DELAY_NANOS << Math.min(20, failures - IMMEDIATE_RETRIES - 1));
    }
}
