package io.codis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.MigrateParams;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The migration benchmark that {@code scripts/bench-migration.sh} runs (not part of the suite: its
 * name is no test's): a bare {@code SCAN}+{@code MIGRATE KEYS} loop between two Redis servers as the
 * yardstick, then a cluster from the jars whose group 1 holds {@code bench.migration.keys} string keys
 * of 256 bytes, moved to an empty group 2 by {@code --rebalance --confirm} with no load, and back by
 * {@code --slot-action --create-range} while clients send about {@code bench.migration.ops} requests a
 * second through a proxy. Prints keys/s and MB/s of each, the ratio to the bare loop, and the load's
 * p50/p99 latency before and during the move. Each move is timed from the codis-admin call that set
 * it going until no slot has an action, not counting that call's own start-up.
 */
class MigrationBench extends StopsWhatItStarted {
    private static final int KEYS = Integer.getInteger("bench.migration.keys", 1_000_000);
    private static final int LOAD_OPS = Integer.getInteger("bench.migration.ops", 20_000);
    private static final int LOAD_CLIENTS = 20;
    private static final int VALUE_BYTES = 256;
    private static final int PARALLEL_SLOTS = Integer.getInteger("bench.migration.parallel", 100);
    private static final CoordinatorKind COORDINATOR =
            CoordinatorKind.valueOf(System.getProperty("bench.migration.coordinator", "zookeeper").toUpperCase());
    private static final Pattern MOVED_RANGE = Pattern.compile("\\[(\\d{4}),(\\d{4})] => 2");

    @Test
    void migrationSpeed() throws Exception {
        RedisServer first = started(RedisServer.start());
        RedisServer second = started(RedisServer.start());
        double bare = bareLoop(first, second);
        report("bare SCAN+MIGRATE loop", KEYS, bare, bare);

        JarCluster cluster = started(JarCluster.start("migration-bench", COORDINATOR, "codis-bench", 1,
                settings -> settings.set("migration_parallel_slots", PARALLEL_SLOTS)));
        cluster.admin("--create-proxy", "-x", cluster.proxyAdmin(0));
        cluster.admin("--create-group", "--gid=1");
        cluster.admin("--create-group", "--gid=2");
        cluster.admin("--group-add", "--gid=1", "--addr=" + first.addr());
        cluster.admin("--group-add", "--gid=2", "--addr=" + second.addr());
        cluster.admin("--slot-action", "--create-range", "--beg=0", "--end=1023", "--gid=1");
        cluster.awaitNoSlotActions(JarCluster.STARTUP);
        fill(first);

        long adminStart = System.nanoTime();
        String plan = cluster.admin("--rebalance", "--confirm");
        long outStart = System.nanoTime();
        cluster.awaitNoSlotActions(Duration.ofMinutes(30));
        double outSeconds = (System.nanoTime() - outStart) / 1e9;
        System.out.printf("bench-migration: codis-admin --rebalance --confirm took %.1f s (not counted below)%n",
                (outStart - adminStart) / 1e9);
        long movedOut = dbSize(second);
        report("--rebalance, no load (" + COORDINATOR.configName() + ", parallel slots " + PARALLEL_SLOTS + ")", movedOut, outSeconds, bare);
        printRedisTime("group 1 (source)", first);
        printRedisTime("group 2 (target)", second);

        Load load = new Load(cluster.proxyPort(0));
        load.start();
        TimeUnit.SECONDS.sleep(10);
        long[] before = load.takeLatencies();
        Matcher moved = MOVED_RANGE.matcher(plan);
        List<String> ranges = new ArrayList<>();
        while (moved.find()) {
            ranges.add(moved.group(1) + "-" + moved.group(2));
        }
        cluster.admin("--slot-action", "--disabled=1");
        for (String range : ranges) {
            String[] ends = range.split("-");
            cluster.admin("--slot-action", "--create-range", "--beg=" + ends[0], "--end=" + ends[1], "--gid=1");
        }
        cluster.admin("--slot-action", "--disabled=0");
        long backStart = System.nanoTime();
        cluster.awaitNoSlotActions(Duration.ofMinutes(30));
        double backSeconds = (System.nanoTime() - backStart) / 1e9;
        long[] during = load.takeLatencies();
        load.stop();
        report("--create-range back, with load", movedOut, backSeconds, bare);
        System.out.printf("bench-migration: load %.0f ops/s before the move, p50 %.2f ms, p99 %.2f ms;"
                        + " %.0f ops/s during it, p50 %.2f ms, p99 %.2f ms; %d errors%n",
                before.length / 10.0, percentile(before, 50), percentile(before, 99),
                during.length / backSeconds, percentile(during, 50), percentile(during, 99), load.errors);
        JsonNode migration = AdminHttp.get(cluster.dashboard(), "/topom/stats").orElseThrow().path("slot_action");
        System.out.println("bench-migration: dashboard stats slot_action: " + migration);
        assertThat(dbSize(second)).as("keys left on group 2").isZero();
        assertThat(dbSize(first)).as("keys on group 1").isEqualTo(KEYS);
    }

    /** Where the Redis server's time went, from {@code INFO commandstats}, then resets those counts. */
    private static void printRedisTime(String name, RedisServer server) {
        try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            jedis.info("commandstats").lines()
                    .filter(line -> line.startsWith("cmdstat_"))
                    .map(line -> line.replaceAll("^cmdstat_([^:]+):calls=(\\d+),usec=(\\d+),.*$", "$1 $2 calls $3 us"))
                    .forEach(line -> System.out.println("bench-migration: " + name + ": " + line));
            jedis.configResetStat();
        }
    }

    private static void report(String what, long keys, double seconds, double bareSeconds) {
        double keysPerSecond = keys / seconds;
        double bareKeysPerSecond = KEYS / bareSeconds;
        System.out.printf("bench-migration: %-48s %8d keys in %6.1f s: %7.0f keys/s, %5.1f MB/s, %.2f of the bare loop%n",
                what, keys, seconds, keysPerSecond, keysPerSecond * VALUE_BYTES / 1e6, keysPerSecond / bareKeysPerSecond);
    }

    /** Seconds a plain loop takes to move every key from {@code from} to {@code to}, which it leaves empty. */
    private static double bareLoop(RedisServer from, RedisServer to) {
        fill(from);
        long start = System.nanoTime();
        try (Jedis source = new Jedis("127.0.0.1", from.port())) {
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams count = new ScanParams().count(1000);
            do {
                ScanResult<String> page = source.scan(cursor, count);
                if (!page.getResult().isEmpty()) {
                    source.migrate("127.0.0.1", to.port(), 0, 5000, MigrateParams.migrateParams(),
                            page.getResult().toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(dbSize(to)).isEqualTo(KEYS);
        try (Jedis target = new Jedis("127.0.0.1", to.port())) {
            target.flushAll();
            target.configResetStat();
        }
        return seconds;
    }

    private static void fill(RedisServer server) {
        String value = "v".repeat(VALUE_BYTES);
        try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            for (int from = 0; from < KEYS; from += 1000) {
                Pipeline pipeline = jedis.pipelined();
                for (int i = from; i < Math.min(KEYS, from + 1000); i++) {
                    pipeline.set(key(i), value);
                }
                pipeline.sync();
            }
            jedis.configResetStat();
        }
        assertThat(dbSize(server)).isEqualTo(KEYS);
    }

    private static String key(int i) {
        return "bench:key:" + i;
    }

    private static long dbSize(RedisServer server) {
        try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            return jedis.dbSize();
        }
    }

    private static double percentile(long[] nanos, int percent) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)] / 1e6;
    }

    /** GETs and SETs of the benchmark's keys at about {@link #LOAD_OPS} a second, each one's latency kept. */
    private static final class Load {
        private final int port;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();
        private final List<long[]> latencies = new ArrayList<>();
        private final int[] counts = new int[LOAD_CLIENTS];
        private volatile long errors;

        Load(int port) {
            this.port = port;
            for (int i = 0; i < LOAD_CLIENTS; i++) {
                latencies.add(new long[LOAD_OPS * 600 / LOAD_CLIENTS]);
            }
        }

        void start() {
            long nanosPerOp = TimeUnit.SECONDS.toNanos(1) * LOAD_CLIENTS / LOAD_OPS;
            String value = "w".repeat(VALUE_BYTES);
            for (int c = 0; c < LOAD_CLIENTS; c++) {
                int client = c;
                Thread thread = new Thread(() -> {
                    try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                        long next = System.nanoTime();
                        while (running.get()) {
                            String key = key(ThreadLocalRandom.current().nextInt(KEYS));
                            long sent = System.nanoTime();
                            try {
                                if ((sent & 1) == 0) {
                                    jedis.get(key);
                                } else {
                                    jedis.set(key, value);
                                }
                            } catch (RuntimeException e) {
                                errors++;
                            }
                            record(client, System.nanoTime() - sent);
                            next += nanosPerOp;
                            LockSupport.parkNanos(next - System.nanoTime());
                        }
                    }
                }, "bench-load-" + c);
                threads.add(thread);
                thread.start();
            }
        }

        private void record(int client, long nanos) {
            synchronized (latencies.get(client)) {
                long[] own = latencies.get(client);
                if (counts[client] < own.length) {
                    own[counts[client]++] = nanos;
                }
            }
        }

        /** The latencies since the last call. */
        long[] takeLatencies() {
            long[] all = new long[0];
            for (int c = 0; c < LOAD_CLIENTS; c++) {
                synchronized (latencies.get(c)) {
                    int from = all.length;
                    all = Arrays.copyOf(all, from + counts[c]);
                    System.arraycopy(latencies.get(c), 0, all, from, counts[c]);
                    counts[c] = 0;
                }
            }
            return all;
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }
}
