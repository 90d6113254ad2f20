package io.codis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.Await;
import io.codis.common.testkit.RedisServer;
import io.codis.common.testkit.SentinelEvents;
import io.codis.common.testkit.SentinelServer;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A group's master killed with SIGKILL in a cluster run from the jars heals by itself, once with
 * three real sentinels ({@code sentinel_auto_resync}) and once with the codis-ha jar: the proxy ends
 * on the new master (a key written before the kill is read through it), {@code --group-status}
 * agrees, and the old master, started again, becomes a replica of the new one.
 */
class FailoverProcessTest extends StopsWhatItStarted {
    private static final String PRODUCT = "codis-failover-e2e";
    private static final Duration HEALING = Duration.ofSeconds(60);

    /** Group 1 with master {@code a} and replica {@code b}, every slot, one proxy online. */
    private record Cluster(String name, JarCluster jars, RedisServer a, RedisServer b, long startedAt) {
        void printPhase(String phase) {
            System.out.printf("%s: %s %d ms after the start%n", name, phase, (System.nanoTime() - startedAt) / 1_000_000);
        }

        String groupStatus() {
            return jars.admin("--group-status");
        }

        String readThroughProxy(String key) {
            try (Jedis client = new Jedis("127.0.0.1", jars.proxyPort(0))) {
                return client.get(key);
            }
        }

        /** A SIGKILL of {@code a} after a write through the proxy that {@code b} confirmed; returns when. */
        long killMasterAfterAWrite() {
            try (Jedis client = new Jedis("127.0.0.1", jars.proxyPort(0))) {
                assertThat(client.set("before-the-kill", "v")).isEqualTo("OK");
            }
            assertThat(a.awaitReplicated(1, Duration.ofSeconds(5))).as("the write on the replica").isOne();
            printPhase("ready, kill the master");
            long killedAt = System.nanoTime();
            a.kill();
            return killedAt;
        }

        /** After the kill: the proxy serves from {@code b}, and the group status shows it as master. */
        void awaitFailedOver(long killedAt) {
            Await.until("the key written before the kill, read through the proxy", HEALING,
                    () -> readThroughProxy("before-the-kill"), "v"::equals);
            System.out.printf("%s: the proxy served the key again %d ms after the kill%n", name,
                    (System.nanoTime() - killedAt) / 1_000_000);
            Await.until("--group-status with the new master first", HEALING, this::groupStatus,
                    out -> out.lines().findFirst().orElse("").startsWith("[ ] group-1 [0] " + b.addr() + " "));
            printPhase("failed over");
        }

        /** The old master started again: a replica of {@code b}, both healthy in the group status. */
        void awaitOldMasterReattached() {
            a.restart();
            Await.until("--group-status with the old master a replica of the new one", HEALING, this::groupStatus,
                    out -> out.lines().count() == 2 && out.lines().allMatch(line -> line.startsWith("[ ] "))
                            && out.lines().anyMatch(line -> line.contains(a.addr() + " ")
                                    && line.endsWith("==> " + b.addr() + ":up")));
            assertThat(readThroughProxy("before-the-kill")).isEqualTo("v");
            printPhase("old master re-attached");
        }
    }

    private Cluster cluster(String name, UnaryOperator<ConfigFile> dashboardSettings) {
        long startedAt = System.nanoTime();
        RedisServer a = started(RedisServer.builder().args("--repl-diskless-sync-delay", "0").start());
        RedisServer b = started(RedisServer.builder().args("--repl-diskless-sync-delay", "0",
                "--replicaof", "127.0.0.1", Integer.toString(a.port())).start());
        JarCluster jars = started(JarCluster.start(name, CoordinatorKind.FILESYSTEM, PRODUCT, 1,
                dashboardSettings));
        jars.adminSilently(List.of("--create-proxy", "-x", jars.proxyAdmin(0)), List.of("--create-group", "--gid=1"));
        jars.admin("--group-add", "--gid=1", "--addr=" + a.addr());
        jars.admin("--group-add", "--gid=1", "--addr=" + b.addr());
        jars.admin("--slots-assign", "--beg=0", "--end=1023", "--gid=1", "--confirm");
        Cluster cluster = new Cluster(name, jars, a, b, startedAt);
        Await.until("--group-status with the replica in sync", cluster::groupStatus,
                out -> out.lines().count() == 2 && out.lines().allMatch(line -> line.startsWith("[ ] ")));
        cluster.printPhase("cluster set up");
        return cluster;
    }

    @Test
    void theSentinelsFailAKilledMasterOverAndTheOldMasterComesBackAsAReplica() {
        Cluster cluster = cluster("failover-sentinels", toml -> toml.set("sentinel_down_after", "1s")
                .set("sentinel_failover_timeout", "3s").set("sentinel_client_timeout", "2s"));
        List<SentinelServer> sentinels = List.of(started(SentinelServer.start()), started(SentinelServer.start()),
                started(SentinelServer.start()));
        cluster.jars().adminSilently(sentinels.stream().map(s -> List.of("--sentinel-add", "--addr=" + s.addr()))
                .toArray(List[]::new));
        cluster.printPhase("sentinels added");
        cluster.jars().admin("--sentinel-resync");
        cluster.printPhase("sentinels resynced");
        for (SentinelServer s : sentinels) {
            Await.until("the replica known to " + s, () -> {
                try (Jedis j = new Jedis("127.0.0.1", s.port())) {
                    return j.sentinelReplicas(PRODUCT + "-1").size();
                }
            }, n -> n >= 1);
        }
        cluster.printPhase("the replica known to every sentinel");
        Await.until("the proxy's first fetch of the sentinels' masters", () -> AdminHttp.get(cluster.jars().proxyAdmin(0),
                "/proxy/stats").map(st -> st.path("sentinels").path("masters").path("1").asText()).orElse(""),
                cluster.a().addr()::equals);

        try (SentinelEvents events = SentinelEvents.listen(sentinels)) {
            long killedAt = cluster.killMasterAfterAWrite();
            cluster.awaitFailedOver(killedAt);
            System.out.printf("failover-sentinels: the sentinels' steps after the kill (ms): %s%n", events.stepsAfter(killedAt));
        }
        cluster.awaitOldMasterReattached();
    }

    @Test
    void codisHaPromotesTheReplicaOfAKilledMasterAndReattachesTheOldMaster() {
        Cluster cluster = cluster("failover-codis-ha", UnaryOperator.identity());
        started(Launcher.start("codis-ha", "codis-ha", cluster.jars().dir(), "--dashboard=" + cluster.jars().dashboard(),
                "--interval=1"));

        cluster.awaitFailedOver(cluster.killMasterAfterAWrite());
        cluster.awaitOldMasterReattached();
    }
}
