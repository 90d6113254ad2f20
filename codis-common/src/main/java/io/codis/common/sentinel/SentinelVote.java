package io.codis.common.sentinel;

import io.codis.common.rpc.HostPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The product's masters by a majority of sentinels: every sentinel is asked {@code SENTINEL MASTERS}
 * at once (no auth, one time budget for all); of the masters named {@code {product}-{gid}} with a
 * {@code config-epoch} and an address, each gid takes the answer of the highest epoch. Fewer answers
 * than a majority ({@code n/2 + 1}) is {@code lost majority ({answers}/{n})}.
 */
public final class SentinelVote {
    /**
     * Where the asks run: a thread each, never the common pool, which other work of the JVM shares
     * (there, a busy pool would let the asks wait their turn and a sentinel that does not answer use
     * up the budget of the others).
     */
    private static final ExecutorService ASKS = Executors.newCachedThreadPool(ask -> {
        Thread t = new Thread(ask, "sentinel-vote");
        t.setDaemon(true);
        return t;
    });

    private final String product;

    public SentinelVote(String product) {
        this.product = product;
    }

    /** {@code n/2 + 1}. */
    public static int majority(int sentinels) {
        return sentinels / 2 + 1;
    }

    /** The gid of a master named {@code {product}-{gid}}; empty for any other name. */
    public OptionalInt gidOf(String name) {
        String prefix = product + "-";
        if (name == null || !name.startsWith(prefix)) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(name.substring(prefix.length())));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * @throws IllegalStateException {@code lost majority ({answers}/{n})}
     */
    public Map<Integer, SentinelMaster> masters(List<String> sentinels, Duration budget) {
        List<CompletableFuture<List<Map<String, String>>>> asks = new ArrayList<>();
        for (String addr : sentinels) {
            asks.add(CompletableFuture.supplyAsync(() -> ask(addr, budget), ASKS));
        }
        long deadline = System.nanoTime() + budget.toNanos();
        int answers = 0;
        Map<Integer, SentinelMaster> best = new HashMap<>();
        for (CompletableFuture<List<Map<String, String>>> ask : asks) {
            List<Map<String, String>> masters;
            try {
                masters = ask.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                ask.cancel(true);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            answers++;
            for (Map<String, String> m : masters) {
                SentinelMaster master = parse(m);
                if (master != null) {
                    best.merge(master.gid(), master, (a, b) -> b.epoch() > a.epoch() ? b : a);
                }
            }
        }
        if (answers < majority(sentinels.size())) {
            throw new IllegalStateException("lost majority (" + answers + "/" + sentinels.size() + ")");
        }
        return best;
    }

    private SentinelMaster parse(Map<String, String> m) {
        OptionalInt gid = gidOf(m.get("name"));
        String ip = m.getOrDefault("ip", "");
        String port = m.getOrDefault("port", "");
        if (gid.isEmpty() || ip.isEmpty() || port.isEmpty()) {
            return null;
        }
        try {
            return new SentinelMaster(gid.getAsInt(), ip + ":" + port, Long.parseLong(m.getOrDefault("config-epoch", "")),
                    m.getOrDefault("runid", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<Map<String, String>> ask(String addr, Duration budget) {
        try (Jedis sentinel = connect(addr, (int) budget.toMillis())) {
            return sentinel.sentinelMasters();
        }
    }

    /** A connection to the sentinel at {@code host:port}, no auth. */
    static Jedis connect(String addr, int timeoutMillis) {
        HostPort hp = HostPort.parse(addr);
        return new Jedis(new HostAndPort(hp.host(), hp.port()), DefaultJedisClientConfig.builder().connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis).build());
    }
}
