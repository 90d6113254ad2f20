package io.codis.admin.port;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** At most {@code opsPerSecond} writes a second ({@code 0}: no limit). */
final class Pace {
    private final long nanosPerOp;
    private long next = System.nanoTime();

    Pace(int opsPerSecond) {
        nanosPerOp = opsPerSecond <= 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / opsPerSecond;
    }

    /** Waits for the next write's turn. */
    synchronized void acquire() {
        if (nanosPerOp == 0) {
            return;
        }
        long now = System.nanoTime();
        next = Math.max(next, now - TimeUnit.MILLISECONDS.toNanos(100)) + nanosPerOp;
        if (next > now) {
            LockSupport.parkNanos(next - now);
        }
    }
}
