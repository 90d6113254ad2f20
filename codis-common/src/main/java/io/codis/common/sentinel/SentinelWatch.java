package io.codis.common.sentinel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Follows the sentinels of a product (proxy-dataplane.md "Following sentinel switches"). A round
 * subscribes to {@code +switch-master} on every sentinel; once a majority confirmed, the masters are
 * fetched; a message about a master of the product ({@code {product}-{gid} ...}) fetches them again
 * and starts a new round; a round that keeps fewer than a majority of subscriptions ends (the error
 * listener is told {@code lost majority (1/3)}) and the next starts 10 s later. A fetch is a
 * {@link SentinelVote} (5 s budget), repeated 5 s apart until it has succeeded twice (at most 10
 * tries; a new trigger meanwhile starts them again at once), each success given to the listener and
 * each failure to the error listener; what was applied before stays. Closing stops it all.
 */
public final class SentinelWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SentinelWatch.class);
    private static final String CHANNEL = "+switch-master";
    private static final Duration FETCH_BUDGET = Duration.ofSeconds(5);
    private static final long FETCH_PAUSE_MILLIS = 5000;
    private static final int FETCH_TRIES = 10;
    private static final int FETCH_SUCCESSES = 2;
    private static final long RETRY_MILLIS = 10_000;
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private final List<String> sentinels;
    private final SentinelVote vote;
    private final Consumer<Map<Integer, SentinelMaster>> listener;
    private final Consumer<String> failed;
    private final Thread subscriber;
    private final Thread fetcher;
    private final Object lock = new Object();
    private boolean triggered;
    private volatile boolean closed;
    private Round round;

    /**
     * @param listener told the masters of each successful fetch
     * @param failed   told why a fetch failed
     */
    public SentinelWatch(String product, List<String> sentinels, Consumer<Map<Integer, SentinelMaster>> listener,
            Consumer<String> failed) {
        this.sentinels = List.copyOf(sentinels);
        this.vote = new SentinelVote(product);
        this.listener = listener;
        this.failed = failed;
        this.subscriber = daemon("sentinel-subscribe", this::subscribeRounds);
        this.fetcher = daemon("sentinel-fetch", this::fetchOnTrigger);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    public SentinelWatch start() {
        subscriber.start();
        fetcher.start();
        return this;
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (round != null) {
                round.end(false);
            }
            lock.notifyAll();
        }
        subscriber.interrupt();
        fetcher.interrupt();
    }

    private void trigger() {
        synchronized (lock) {
            triggered = true;
            lock.notifyAll();
        }
    }

    private void subscribeRounds() {
        while (!closed) {
            long retryAt = System.currentTimeMillis() + RETRY_MILLIS;
            Round r = new Round();
            synchronized (lock) {
                if (closed) {
                    return;
                }
                round = r;
            }
            if (r.run()) {
                trigger();
            } else if (!pauseUntil(retryAt)) {
                return;
            }
        }
    }

    /** Waits until {@code at}; false when closed meanwhile. */
    private boolean pauseUntil(long at) {
        synchronized (lock) {
            long left;
            while (!closed && (left = at - System.currentTimeMillis()) > 0) {
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    return false;
                }
            }
            return !closed;
        }
    }

    /** Waits until {@code at} or a trigger; false when closed meanwhile. */
    private boolean pauseUnlessTriggered(long at) {
        synchronized (lock) {
            long left;
            while (!closed && !triggered && (left = at - System.currentTimeMillis()) > 0) {
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    return false;
                }
            }
            return !closed;
        }
    }

    private void fetchOnTrigger() {
        while (!closed) {
            synchronized (lock) {
                while (!triggered && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                triggered = false;
            }
            int successes = 0;
            for (int i = 0; i < FETCH_TRIES && successes < FETCH_SUCCESSES && !closed; i++) {
                try {
                    Map<Integer, SentinelMaster> masters = vote.masters(sentinels, FETCH_BUDGET);
                    if (!closed) {
                        listener.accept(masters);
                    }
                    successes++;
                } catch (RuntimeException e) {
                    LOG.warn("fetch group masters failed: {}", e.getMessage());
                    failed.accept(e.getMessage());
                }
                if (!pauseUnlessTriggered(System.currentTimeMillis() + FETCH_PAUSE_MILLIS)) {
                    return;
                }
                synchronized (lock) {
                    if (triggered) {
                        break;
                    }
                }
            }
        }
    }

    /** One round of subscriptions, one thread per sentinel. */
    private final class Round {
        private final List<Jedis> connections = new ArrayList<>();
        private int subscribed;
        private int alive = sentinels.size();
        private boolean done;
        private boolean switched;

        /** Runs the round; true when it ended on a switch of the product. */
        boolean run() {
            for (String addr : sentinels) {
                daemon("sentinel-subscribe-" + addr, () -> subscribe(addr)).start();
            }
            synchronized (this) {
                while (!done) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        end(false);
                    }
                }
            }
            List<Jedis> open;
            synchronized (this) {
                open = new ArrayList<>(connections);
            }
            open.forEach(Jedis::close);
            return switched;
        }

        synchronized void end(boolean onSwitch) {
            if (!done) {
                done = true;
                switched = onSwitch;
                connections.forEach(j -> {
                    try {
                        j.disconnect();
                    } catch (RuntimeException ignored) {
                        // the subscriber's thread sees its connection closed and ends
                    }
                });
                notifyAll();
            }
        }

        private void subscribe(String addr) {
            Jedis jedis = null;
            try {
                jedis = SentinelVote.connect(addr, CONNECT_TIMEOUT_MILLIS);
                jedis.connect();
                synchronized (this) {
                    if (done) {
                        return;
                    }
                    connections.add(jedis);
                }
                jedis.subscribe(new JedisPubSub() {
                    @Override
                    public void onSubscribe(String channel, int count) {
                        subscribedOne();
                    }

                    @Override
                    public void onMessage(String channel, String message) {
                        LOG.warn("sentinel-[{}] subscribe event [message {} {}]", addr, channel, message);
                        String name = message.split(" ", 2)[0];
                        if (vote.gidOf(name).isPresent()) {
                            end(true);
                        }
                    }
                }, CHANNEL);
            } catch (RuntimeException e) {
                if (!isDone()) {
                    LOG.warn("sentinel-[{}] subscribe failed: {}", addr, e.getMessage());
                }
            } finally {
                if (jedis != null) {
                    jedis.close();
                }
                died();
            }
        }

        private synchronized boolean isDone() {
            return done;
        }

        private void subscribedOne() {
            boolean majority;
            synchronized (this) {
                subscribed++;
                majority = subscribed == SentinelVote.majority(sentinels.size()) && !done;
            }
            if (majority) {
                trigger();
            }
        }

        private void died() {
            boolean lost;
            int left;
            synchronized (this) {
                alive--;
                left = alive;
                lost = !done && alive < SentinelVote.majority(sentinels.size());
                if (lost) {
                    end(false);
                }
            }
            if (lost && !closed) {
                String why = "lost majority (" + left + "/" + sentinels.size() + ")";
                LOG.warn("subscribe sentinels: {}", why);
                failed.accept(why);
            }
        }
    }
}
