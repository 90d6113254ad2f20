package io.codis.proxy.metrics;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a {@link MetricsReport} every {@code max(1s, period)} while the proxy is not closed; after a
 * failure it logs {@code report metrics failed} and waits 1, 2, 4 ... up to 15 s before trying again.
 */
public final class MetricsLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsLoop.class);
    private static final Duration MIN_PERIOD = Duration.ofSeconds(1);
    private static final long MAX_BACKOFF_SECONDS = 15;

    private final Thread thread;
    private final CountDownLatch stop = new CountDownLatch(1);

    private MetricsLoop(String name, Duration period, BooleanSupplier closed, MetricsReport report) {
        Duration every = period.compareTo(MIN_PERIOD) < 0 ? MIN_PERIOD : period;
        this.thread = new Thread(() -> loop(every, closed, report), name);
        thread.setDaemon(true);
    }

    /** Starts the loop on its own daemon thread. */
    public static MetricsLoop start(String name, Duration period, BooleanSupplier closed, MetricsReport report) {
        MetricsLoop loop = new MetricsLoop(name, period, closed, report);
        loop.thread.start();
        return loop;
    }

    private void loop(Duration every, BooleanSupplier closed, MetricsReport report) {
        long backoff = 0;
        try {
            while (!closed.getAsBoolean()) {
                long pauseMillis;
                try {
                    report.send();
                    backoff = 0;
                    pauseMillis = every.toMillis();
                } catch (Exception e) {
                    LOG.warn("report metrics failed: {}", e.toString());
                    backoff = Math.min(MAX_BACKOFF_SECONDS, backoff == 0 ? 1 : backoff * 2);
                    pauseMillis = TimeUnit.SECONDS.toMillis(backoff);
                }
                if (stop.await(pauseMillis, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop.countDown();
    }
}
