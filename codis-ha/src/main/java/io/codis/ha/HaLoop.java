package io.codis.ha;

import io.codis.common.api.DashboardApi;
import io.codis.common.status.DashboardStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * codis-ha's loop: a {@link HaRound} on the dashboard's stats every interval, until closed. A stats
 * call (or an action) that fails is logged and the next call waits longer, 1 s doubling up to the
 * interval (and at least 1 s), instead of the original's exit; the first success goes back to the interval.
 */
final class HaLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HaLoop.class);
    private static final long FIRST_RETRY_MILLIS = 1000;

    private final DashboardApi dashboard;
    private final HaRound round;
    private final long intervalMillis;
    private volatile boolean closed;

    HaLoop(DashboardApi dashboard, int intervalSeconds, boolean maintains) {
        this.dashboard = dashboard;
        this.round = new HaRound(dashboard, intervalSeconds, maintains);
        this.intervalMillis = intervalSeconds * 1000L;
    }

    /** Runs rounds until {@link #close()} or an interrupt. */
    void run() {
        long retry = FIRST_RETRY_MILLIS;
        while (!closed) {
            long pause;
            try {
                round.run(DashboardStats.of(dashboard.stats()));
                retry = FIRST_RETRY_MILLIS;
                pause = intervalMillis;
            } catch (RuntimeException e) {
                LOG.warn("codis-ha round failed, next try in {} ms: {}", retry, e.getMessage());
                pause = retry;
                retry = Math.min(Math.max(FIRST_RETRY_MILLIS, intervalMillis), retry * 2);
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
                try {
                    wait(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
