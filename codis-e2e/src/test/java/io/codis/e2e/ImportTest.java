package io.codis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.Await;
import io.codis.common.testkit.ExternalProcess;
import io.codis.common.testkit.RedisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * {@code codis-admin --import --all-dbs}: a standalone Redis with keys of every type in two DBs (TTLs on some, a stream
 * with a consumer group, a function library) moved into a two-group cluster from the jars while a
 * writer keeps changing it and its replication link is cut once; afterwards every source key is in
 * the cluster, equal; a key the cluster had already is reported and kept; bad input gets one line.
 */
class ImportTest extends StopsWhatItStarted {
    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    @Test
    void movesEveryKeyAndFollowsTheWritesUntilStopped() throws Exception {
        RedisServer source = started(RedisServer.builder().args("--repl-diskless-sync-delay", "0").start());
        RedisServer first = started(RedisServer.start());
        RedisServer second = started(RedisServer.start());
        JarCluster cluster = started(JarCluster.start("import", CoordinatorKind.FILESYSTEM, "codis-import", 1));
        cluster.admin("--create-proxy", "-x", cluster.proxyAdmin(0));
        cluster.adminSilently(List.of("--create-group", "--gid=1"), List.of("--create-group", "--gid=2"));
        cluster.adminSilently(List.of("--group-add", "--gid=1", "--addr=" + first.addr()),
                List.of("--group-add", "--gid=2", "--addr=" + second.addr()));
        String from = "--from=" + source.addr();

        assertThat(importFails(cluster, from, "--no-follow"))
                .isEqualTo("slot-[0] is offline, assign every slot to a group before --import");
        cluster.admin("--slots-assign", "--beg=0", "--end=511", "--gid=1", "--confirm");
        cluster.admin("--slots-assign", "--beg=512", "--end=1023", "--gid=2", "--confirm");
        assertThat(importFails(cluster, from, "--from-auth=wrong", "--no-follow"))
                .startsWith("source " + source.addr() + ": ").contains("AUTH");
        try (RedisServer noReplicas = RedisServer.builder().args("--rename-command", "PSYNC", "",
                "--rename-command", "SYNC", "").start()) {
            assertThat(importFails(cluster, "--from=" + noReplicas.addr(), "--no-follow")).isEqualTo("source "
                    + noReplicas.addr() + " refuses replicas: it has no PSYNC or SYNC command (renamed or disabled)");
        }
        assertThat(importFails(cluster, from, "--db=16", "--no-follow"))
                .isEqualTo("DB 16 cannot be imported: the proxy serves DB [0,16) (backend_number_databases)");

        try (Jedis src = new Jedis("127.0.0.1", source.port());
                Jedis proxy = new Jedis("127.0.0.1", cluster.proxyPort(0));
                Jedis src1 = new Jedis("127.0.0.1", source.port());
                Jedis proxy1 = new Jedis("127.0.0.1", cluster.proxyPort(0))) {
            src1.select(1);
            proxy1.select(1);
            fillEveryType(src);
            src1.set("db1:string", "in DB 1");
            src1.hset("db1:hash", "f", "v");
            src.set("both", "from the source");
            proxy.set("both", "already in the cluster");

            ExternalProcess importing = started(Launcher.start("import", "codis-admin", cluster.dir(),
                    "--import", from, "--all-dbs", "--dashboard=" + cluster.dashboard()));
            Path output = cluster.dir().resolve("import.out");
            Await.until("the stream phase in " + output, CATCH_UP, () -> text(output).contains("stream: offset"));
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger written = new AtomicInteger();
            Thread writer = new Thread(() -> keepWriting(source.port(), writing, written), "source-writer");
            writer.start();
            Await.until("the first write followed", CATCH_UP, () -> proxy.exists("written:0"));
            src.clientKill(new redis.clients.jedis.params.ClientKillParams().type(redis.clients.jedis.args.ClientType.REPLICA));
            Thread.sleep(700);
            writing.set(false);
            writer.join();
            assertThat(written.get()).as("writes during the import").isPositive();

            Await.until("every source key equal in the cluster", CATCH_UP, () -> differences(src, proxy), List::isEmpty);
            Await.until("every key of DB 1 equal in the cluster", CATCH_UP, () -> differences(src1, proxy1), List::isEmpty);
            assertThat(proxy1.exists("db1:written:0")).isTrue();
            assertThat(proxy.exists("db1:string")).as("a DB 1 key in DB 0").isFalse();
            assertThat(text(output)).contains("link to source " + source.addr() + " lost at offset ")
                    .containsPattern("reconnected to source " + source.addr() + ", continuing from offset [1-9]")
                    .doesNotContain("full resync");
            assertThat(proxy.get("both")).as("a key the cluster had: %s", text(output)).isEqualTo("already in the cluster");
            for (RedisServer master : List.of(first, second)) {
                try (Jedis group = new Jedis("127.0.0.1", master.port())) {
                    assertThat(group.functionList()).as("functions on %s", master)
                            .anyMatch(library -> library.getLibraryName().equals("importlib"));
                }
            }
            importing.stop();
            String printed = text(output);
            assertThat(printed).containsPattern("(?m)^snapshot: \\d+ keys loaded, \\d+ keys/s$")
                    .containsPattern("(?m)^stream: offset \\d+, lag \\d+ bytes, \\d+ ops applied, \\d+ ops/s$")
                    .containsPattern("(?m)^import from " + source.addr() + ": 12 keys loaded in [0-9.]+ s \\(\\d+ keys/s\\)$")
                    .contains("1 keys already in the cluster, not overwritten (use --replace): both\n")
                    .contains("1 function payloads restored on every group\n")
                    .containsPattern("(?m)^stream: \\d+ ops applied up to offset \\d+ \\(\\d+ ops/s\\)$");

            Launcher.Result again = Launcher.admin("--import", from, "--proxy=" + cluster.proxyAdmin(0), "--no-follow",
                    "--replace");
            assertThat(again.exitCode()).as(again.stderr()).isZero();
            assertThat(again.stdout()).containsPattern("(?m)^import from " + source.addr() + ": \\d+ keys loaded in ")
                    .contains("keys of other DBs not copied")
                    .doesNotContain("already in the cluster").doesNotContain("stream:");
            assertThat(proxy.get("both")).isEqualTo("from the source");

            ExternalProcess following = started(Launcher.start("import-again", "codis-admin", cluster.dir(),
                    "--import", from, "--dashboard=" + cluster.dashboard(), "--replace"));
            Path again2 = cluster.dir().resolve("import-again.out");
            Await.until("the stream phase in " + again2, CATCH_UP, () -> text(again2).contains("stream: offset"));
            cluster.admin("--slot-action", "--create", "--sid=0", "--gid=2");
            Await.until("the import to stop when slot 0 moves", CATCH_UP, () -> !following.isAlive());
            assertThat(text(again2)).containsPattern("slot-\\[0] (started migrating|moved from \\S+ to \\S+) during the import;"
                    + " let the slot actions finish, then run the import again with --replace");
        }
    }

    private static void fillEveryType(Jedis src) {
        src.set("string", "value");
        src.psetex("string:ttl", 600_000, "expiring");
        src.rpush("list", "a", "b", "c");
        src.hset("hash", Map.of("f1", "v1", "f2", "v2"));
        src.sadd("set", "x", "y", "z");
        src.sadd("intset", "1", "2", "3");
        src.zadd("zset", Map.of("m1", 1.5, "m2", 2.5));
        src.pexpire("zset", 500_000);
        src.pfadd("hll", "a", "b", "c");
        src.setbit("bitmap", 100, true);
        src.xadd("stream", StreamEntryID.NEW_ENTRY, Map.of("field", "value"));
        src.xgroupCreate("stream", "group", new StreamEntryID(), false);
        src.xreadGroup("group", "consumer", XReadGroupParams.xReadGroupParams().count(1),
                Map.of("stream", StreamEntryID.UNRECEIVED_ENTRY));
        src.functionLoad("#!lua name=importlib\nredis.register_function('one', function(keys, args) return 1 end)");
    }

    private static void keepWriting(int port, AtomicBoolean writing, AtomicInteger written) {
        try (Jedis jedis = new Jedis("127.0.0.1", port); Jedis db1 = new Jedis("127.0.0.1", port)) {
            db1.select(1);
            for (int i = 0; writing.get(); i++) {
                db1.set("db1:written:" + i, "v" + i);
                jedis.set("written:" + i, "v" + i);
                jedis.incr("counter");
                jedis.rpush("list", "w" + i);
                jedis.xadd("stream", StreamEntryID.NEW_ENTRY, Map.of("i", String.valueOf(i)));
                jedis.pexpire("written:" + i, 300_000);
                written.incrementAndGet();
                Thread.sleep(1); // well within the source's 1 MB backlog while the link is cut
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every source key that differs in the cluster (but for "both"), with what differs. */
    private static List<String> differences(Jedis src, Jedis proxy) {
        List<String> differences = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = src.scan(cursor, new ScanParams().count(1000));
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        keys.remove("both");
        for (String key : keys) {
            String type = src.type(key);
            boolean equal = type.equals("set")
                    ? src.smembers(key).equals(proxy.smembers(key))
                    : java.util.Arrays.equals(src.dump(key), proxy.dump(key));
            long ttl = src.pttl(key);
            long clusterTtl = proxy.pttl(key);
            boolean ttlEqual = ttl < 0 ? clusterTtl == ttl : Math.abs(ttl - clusterTtl) < 5_000;
            if (!equal || !ttlEqual) {
                differences.add(key + " (" + type + ", pttl " + ttl + " vs " + clusterTtl + ")");
            }
        }
        return differences;
    }

    private static String importFails(JarCluster cluster, String... args) {
        List<String> command = new ArrayList<>(List.of("--import", "--dashboard=" + cluster.dashboard()));
        command.addAll(List.of(args));
        Launcher.Result result = Launcher.admin(command.toArray(String[]::new));
        assertThat(result.exitCode()).as("codis-admin %s: %s", command, result.stdout()).isNotZero();
        List<String> lines = result.stderr().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).replaceFirst("^codis-admin: ", "");
    }

    private static String text(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
