package io.codis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * The migration correctness harness ({@code scripts/migration-check.sh} runs it at 1,000,000 keys;
 * the suite at {@value #SUITE_KEYS}): a cluster from the jars, keys of every {@link CheckedKind} in
 * group 1, writers and readers through two proxies recording every acknowledged write, while
 * {@code codis-admin --rebalance --confirm} moves half the slots to a new group 2 and
 * {@code --slot-action --create-range} moves them back. Then every key is read and compared with its
 * last acknowledged version: none may be missing (lost), older (stale), or without its TTL, and no
 * client may have seen an error.
 */
class MigrationCheckTest extends StopsWhatItStarted {
    private static final int SUITE_KEYS = 20_000;
    private static final int KEYS = Integer.getInteger("migration.check.keys", SUITE_KEYS);
    private static final int LOAD_OPS_PER_SECOND = Integer.getInteger("migration.check.ops", 2_000);
    private static final int BATCH = 1_000;
    private static final Duration SETTLE = Duration.ofSeconds(120 + KEYS / 2_000);
    private static final Pattern MOVED_RANGE = Pattern.compile("\\[(\\d{4}),(\\d{4})] => 2");

    @Test
    void everyKeyKeepsItsLastAcknowledgedValueThroughAMoveToANewGroupAndBack() throws Exception {
        RedisServer first = started(RedisServer.start());
        RedisServer second = started(RedisServer.start());
        JarCluster cluster = started(JarCluster.start("migration-check", CoordinatorKind.FILESYSTEM, "codis-check", 2));
        cluster.adminSilently(List.of("--create-proxy", "-x", cluster.proxyAdmin(0)),
                List.of("--create-proxy", "-x", cluster.proxyAdmin(1)));
        cluster.adminSilently(List.of("--create-group", "--gid=1"), List.of("--create-group", "--gid=2"));
        cluster.adminSilently(List.of("--group-add", "--gid=1", "--addr=" + first.addr()),
                List.of("--group-add", "--gid=2", "--addr=" + second.addr()));
        cluster.adminSilently(List.of("--slot-action", "--create-range", "--beg=0", "--end=1023", "--gid=1"));
        cluster.awaitNoSlotActions(SETTLE);
        List<Integer> proxies = List.of(cluster.proxyPort(0), cluster.proxyPort(1));
        load(proxies.get(0));
        assertThat(dbSize(first)).as("keys loaded on group 1").isEqualTo(KEYS);

        CheckedLoad load = new CheckedLoad(KEYS, proxies, 2, 2, LOAD_OPS_PER_SECOND);
        load.start();
        long outStart = System.nanoTime();
        String plan = cluster.admin("--rebalance", "--confirm");
        cluster.awaitNoSlotActions(SETTLE);
        long outNanos = System.nanoTime() - outStart;
        assertThat(dbSize(second)).as("keys moved to group 2").isPositive();
        long backStart = System.nanoTime();
        Matcher moved = MOVED_RANGE.matcher(plan);
        while (moved.find()) {
            cluster.admin("--slot-action", "--create-range", "--beg=" + moved.group(1), "--end=" + moved.group(2), "--gid=1");
        }
        cluster.awaitNoSlotActions(SETTLE);
        long backNanos = System.nanoTime() - backStart;
        load.stop();

        Tally tally = check(proxies.get(1), load);
        System.out.printf("migration-check: %d keys checked, %d lost, %d stale, %d client errors"
                        + " (%d writes, %d reads, %d stale reads during the moves; out in %.1f s, back in %.1f s)%n",
                tally.checked, tally.lost, tally.stale, load.clientErrors(), load.writes(), load.reads(),
                load.staleReads(), outNanos / 1e9, backNanos / 1e9);
        load.errorTexts().forEach(text -> System.out.println("migration-check: " + text));
        tally.texts.forEach(text -> System.out.println("migration-check: " + text));
        assertThat(tally.checked).isEqualTo(KEYS);
        assertThat(tally.lost).as("keys lost").isZero();
        assertThat(tally.stale).as("keys stale").isZero();
        assertThat(load.clientErrors()).as("client errors: %s", load.errorTexts()).isZero();
        assertThat(load.staleReads()).as("stale reads: %s", load.errorTexts()).isZero();
        assertThat(load.writes()).as("writes during the moves").isPositive();
        assertThat(dbSize(second)).as("keys left on group 2").isZero();
        assertThat(dbSize(first)).as("keys on group 1").isEqualTo(KEYS);
    }

    private static void load(int proxyPort) {
        try (Jedis jedis = new Jedis("127.0.0.1", proxyPort)) {
            for (int from = 0; from < KEYS; from += BATCH) {
                Pipeline pipeline = jedis.pipelined();
                for (int i = from; i < Math.min(KEYS, from + BATCH); i++) {
                    CheckedKind.of(i).load(pipeline, CheckedLoad.key(i));
                }
                pipeline.sync();
            }
        }
    }

    /** What the final read of every key found. */
    private static final class Tally {
        private static final int TEXTS_KEPT = 10;
        long checked;
        long lost;
        long stale;
        final List<String> texts = new ArrayList<>();

        void keep(String text) {
            if (texts.size() < TEXTS_KEPT) {
                texts.add(text);
            }
        }
    }

    private static Tally check(int proxyPort, CheckedLoad load) {
        Tally tally = new Tally();
        try (Jedis jedis = new Jedis("127.0.0.1", proxyPort)) {
            for (int from = 0; from < KEYS; from += BATCH) {
                int to = Math.min(KEYS, from + BATCH);
                Pipeline pipeline = jedis.pipelined();
                List<Response<?>> versions = new ArrayList<>();
                List<Response<Long>> ttls = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    versions.add(CheckedKind.of(i).read(pipeline, CheckedLoad.key(i)));
                    ttls.add(pipeline.pttl(CheckedLoad.key(i)));
                }
                pipeline.sync();
                for (int i = from; i < to; i++) {
                    check(tally, load, i, CheckedKind.of(i).version(versions.get(i - from).get()), ttls.get(i - from).get());
                }
            }
        }
        return tally;
    }

    private static void check(Tally tally, CheckedLoad load, int index, Integer version, long ttl) {
        tally.checked++;
        String key = CheckedLoad.key(index);
        if (version == null) {
            tally.lost++;
            tally.keep(key + " is missing");
        } else if (version < load.acknowledged(index) || version > load.attempted(index)) {
            tally.stale++;
            tally.keep(key + " at version " + version + ", acknowledged " + load.acknowledged(index));
        } else if (CheckedKind.of(index).expires() != (ttl > 0 && ttl <= CheckedKind.TTL_MILLIS)) {
            tally.stale++;
            tally.keep(key + " has TTL " + ttl + " ms");
        }
    }

    private static long dbSize(RedisServer server) {
        try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            return jedis.dbSize();
        }
    }
}
