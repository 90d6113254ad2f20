package io.codis.common.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * When the sentinels published each step of a failover: one subscriber per sentinel listens to every
 * channel ({@code PSUBSCRIBE *}) and keeps the first time any of them published an event
 * ({@code +sdown}, {@code +odown}, {@code +try-failover}, {@code +elected-leader},
 * {@code +promoted-slave}, {@code +switch-master}, ...), so a test can show where a failover's time
 * went.
 */
public final class SentinelEvents implements AutoCloseable {
    /** The steps of a failover, in the order a sentinel goes through them. */
    private static final List<String> STEPS = List.of("+sdown", "+odown", "+try-failover", "+vote-for-leader",
            "+elected-leader", "+selected-slave", "+failover-state-send-slaveof-noone", "+promoted-slave",
            "+failover-end", "+switch-master");

    private final Map<String, Long> firstNanos = new ConcurrentHashMap<>();
    private final List<JedisPubSub> subscriptions = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    private SentinelEvents(List<SentinelServer> sentinels) {
        CountDownLatch subscribed = new CountDownLatch(sentinels.size());
        for (SentinelServer sentinel : sentinels) {
            JedisPubSub listener = new JedisPubSub() {
                @Override
                public void onPSubscribe(String pattern, int count) {
                    subscribed.countDown();
                }

                @Override
                public void onPMessage(String pattern, String channel, String message) {
                    firstNanos.putIfAbsent(channel, System.nanoTime());
                }
            };
            subscriptions.add(listener);
            Thread t = new Thread(() -> {
                try (Jedis jedis = new Jedis("127.0.0.1", sentinel.port())) {
                    jedis.psubscribe(listener, "*");
                } catch (RuntimeException e) {
                    // the sentinel stopped, or close() ended the subscription
                }
            }, "sentinel-events-" + sentinel.port());
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        try {
            if (!subscribed.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the sentinels did not confirm PSUBSCRIBE within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts listening to every sentinel; returns once each has confirmed the subscription. */
    public static SentinelEvents listen(List<SentinelServer> sentinels) {
        return new SentinelEvents(sentinels);
    }

    /** When an event was first published ({@code System.nanoTime()}), or 0 when it has not been. */
    public long firstNanos(String event) {
        return firstNanos.getOrDefault(event, 0L);
    }

    /** The failover steps seen so far as milliseconds after {@code startNanos}, in their order. */
    public Map<String, Long> stepsAfter(long startNanos) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String step : STEPS) {
            long at = firstNanos(step);
            if (at != 0) {
                out.put(step, (at - startNanos) / 1_000_000);
            }
        }
        return out;
    }

    @Override
    public void close() {
        for (JedisPubSub s : subscriptions) {
            try {
                s.punsubscribe();
            } catch (RuntimeException e) {
                // not subscribed (any more)
            }
        }
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
