package io.codis.dashboard.sentinel;

import io.codis.dashboard.redis.RedisControl;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import redis.clients.jedis.Jedis;

/**
 * Calls to sentinels (migration-and-ha.md "Dashboard → sentinels"): no auth, a socket timeout of
 * {@code sentinel_client_timeout} + 5 s, and calls to many sentinels made at once under one overall
 * deadline of {@code sentinel_client_timeout}.
 */
final class SentinelCalls {
    /** What is done on one sentinel. */
    interface Call<T> {
        T on(Jedis sentinel);
    }

    private final ExecutorService workers;
    private final Duration timeout;

    SentinelCalls(ExecutorService workers, Duration timeout) {
        this.workers = workers;
        this.timeout = timeout;
    }

    /** Runs {@code call} on the sentinel at {@code addr}. */
    <T> T on(String addr, Call<T> call) {
        try (Jedis jedis = RedisControl.connect(addr, "", (int) Math.min(Integer.MAX_VALUE, timeout.toMillis() + 5000))) {
            return call.on(jedis);
        }
    }

    /**
     * Runs {@code call} on every sentinel of {@code addrs} at once.
     *
     * @return the error of each sentinel that failed or did not answer in time, by address (empty: all did)
     */
    Map<String, RuntimeException> onEvery(List<String> addrs, Call<?> call) {
        Map<String, Future<?>> running = new LinkedHashMap<>();
        for (String addr : addrs) {
            running.put(addr, workers.submit(() -> on(addr, call)));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, RuntimeException> errors = new LinkedHashMap<>();
        running.forEach((addr, future) -> {
            try {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                errors.put(addr, e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause()));
            } catch (TimeoutException e) {
                future.cancel(true);
                errors.put(addr, new IllegalStateException("sentinel-[" + addr + "] timeout after " + timeout.toMillis() + " ms"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                errors.put(addr, new IllegalStateException("interrupted"));
            }
        });
        return errors;
    }
}
