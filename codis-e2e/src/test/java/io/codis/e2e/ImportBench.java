package io.codis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.Await;
import io.codis.common.testkit.ExternalProcess;
import io.codis.common.testkit.RedisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The import benchmark that {@code scripts/bench-import.sh} runs (not part of the suite: its name is
 * no test's): a standalone Redis with {@code bench.import.keys} string keys of 256 bytes moved into a
 * two-group cluster from the jars by {@code codis-admin --import --no-follow} (keys/s of the
 * snapshot), then, into the emptied cluster again while following, {@code bench.import.writes} SETs
 * of 256 bytes sent to the source by {@code redis-benchmark}: ops/s followed, from the first write
 * until the cluster has applied them all.
 */
class ImportBench extends StopsWhatItStarted {
    private static final int KEYS = Integer.getInteger("bench.import.keys", 1_000_000);
    private static final int WRITES = Integer.getInteger("bench.import.writes", 200_000);
    private static final Duration PATIENCE = Duration.ofSeconds(60 + KEYS / 5_000);
    private static final Pattern SNAPSHOT = Pattern.compile("(?m)^import from \\S+: (\\d+) keys loaded in ([0-9.]+) s \\((\\d+) keys/s\\)$");
    private static final Pattern APPLIED = Pattern.compile("(\\d+) ops applied");

    @Test
    void snapshotKeysPerSecondAndStreamOpsPerSecond() throws Exception {
        RedisServer source = started(RedisServer.builder()
                .args("--repl-diskless-sync-delay", "0", "--enable-debug-command", "yes").start());
        RedisServer first = started(RedisServer.start());
        RedisServer second = started(RedisServer.start());
        JarCluster cluster = started(JarCluster.start("import-bench", CoordinatorKind.FILESYSTEM, "codis-bench", 1));
        cluster.admin("--create-proxy", "-x", cluster.proxyAdmin(0));
        cluster.adminSilently(List.of("--create-group", "--gid=1"), List.of("--create-group", "--gid=2"));
        cluster.adminSilently(List.of("--group-add", "--gid=1", "--addr=" + first.addr()),
                List.of("--group-add", "--gid=2", "--addr=" + second.addr()));
        cluster.admin("--slots-assign", "--beg=0", "--end=511", "--gid=1", "--confirm");
        cluster.admin("--slots-assign", "--beg=512", "--end=1023", "--gid=2", "--confirm");
        assertThat(Launcher.redisCli(source.port(), "DEBUG", "POPULATE", String.valueOf(KEYS), "key", "256").stdout())
                .startsWith("OK");
        String from = "--from=" + source.addr();

        Launcher.Result snapshot = Launcher.runCommand(List.of(Launcher.REPO.resolve("scripts/codis-admin").toString(),
                "--import", from, "--dashboard=" + cluster.dashboard(), "--no-follow"), java.util.Map.of(),
                cluster.dir(), PATIENCE);
        assertThat(snapshot.exitCode()).as(snapshot.stderr()).isZero();
        Matcher loaded = SNAPSHOT.matcher(snapshot.stdout());
        assertThat(loaded.find()).as(snapshot.stdout()).isTrue();
        assertThat(Long.parseLong(loaded.group(1))).isEqualTo(KEYS);
        System.out.printf("bench-import: snapshot: %s keys in %s s, %s keys/s%n", loaded.group(1), loaded.group(2),
                loaded.group(3));

        for (RedisServer master : List.of(first, second)) {
            try (Jedis jedis = new Jedis("127.0.0.1", master.port())) {
                jedis.flushAll();
            }
        }
        ExternalProcess following = started(Launcher.start("import-follow", "codis-admin", cluster.dir(),
                "--import", from, "--dashboard=" + cluster.dashboard()));
        Path output = cluster.dir().resolve("import-follow.out");
        Await.until("the stream phase", PATIENCE, () -> text(output).contains("stream: offset"));
        long start = System.nanoTime();
        Launcher.Result writes = Launcher.runCommand(List.of("redis-benchmark", "-p", String.valueOf(source.port()),
                "-t", "set", "-n", String.valueOf(WRITES), "-d", "256", "-r", "1000000", "-P", "16", "-q"),
                java.util.Map.of(), cluster.dir(), PATIENCE);
        assertThat(writes.exitCode()).as(writes.stderr()).isZero();
        Await.until("every write followed", PATIENCE, Duration.ofMillis(100), () -> applied(text(output)) >= WRITES);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("bench-import: stream: %d writes followed in %.1f s, %.0f ops/s (the source took them at %s)%n",
                WRITES, seconds, WRITES / seconds, writes.stdout().strip().replaceAll(".*[\r\n]", "").strip());
    }

    private static long applied(String output) {
        Matcher matcher = APPLIED.matcher(output);
        long last = 0;
        while (matcher.find()) {
            last = Long.parseLong(matcher.group(1));
        }
        return last;
    }

    private static String text(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
