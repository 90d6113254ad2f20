package io.codis.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.api.DashboardApi;
import io.codis.common.model.Group;
import io.codis.common.model.SlotMapping;
import io.codis.common.rpc.HostPort;
import io.codis.common.status.DashboardStats;
import io.codis.common.status.GroupStatusLines;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.RedisServer;
import io.codis.proxy.ProxyServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * codis-ha (interval 1 s) on a real dashboard, proxy and redis-server pair, without sentinels: the
 * master SIGKILLed while a client writes through the proxy is replaced by its replica, and the old
 * master, started again, is re-attached as a replica of the new one instead of being removed and shut
 * down.
 */
class HaFailoverTest {
    private static final String PRODUCT = "codis-ha-test";

    private static Map<String, String> replication(RedisServer redis) {
        try (Jedis j = new Jedis("127.0.0.1", redis.port())) {
            return io.codis.dashboard.redis.RedisControl.parseInfo(j.info("replication"));
        }
    }

    private static Group group1(DashboardApi api) {
        return DashboardStats.of(api.stats()).groups().get(0);
    }

    @Test
    void aKilledMasterIsReplacedByItsReplicaAndComesBackAsAReplica() throws Exception {
        try (RedisServer a = RedisServer.builder().args("--repl-diskless-sync-delay", "0").start();
                RedisServer b = RedisServer.builder().args("--repl-diskless-sync-delay", "0",
                        "--replicaof", "127.0.0.1", Integer.toString(a.port())).start();
                HaCluster cluster = new HaCluster(PRODUCT)) {
            DashboardApi api = cluster.api;
            ProxyServer proxy = cluster.proxy;
            api.createGroup(1);
            api.addServer(1, a.addr(), "");
            api.addServer(1, b.addr(), "");
            api.createProxy(proxy.proxy().model().adminAddr());
            api.assignSlots(IntStream.range(0, 1024).mapToObj(sid -> SlotMapping.assigned(sid, 1)).toList(), false);
            Await.until("the replica in sync", () -> "up".equals(replication(b).get("master_link_status")));

            HaLoop ha = new HaLoop(api, 1, true);
            Thread haThread = new Thread(ha::run, "codis-ha");
            haThread.start();
            try {
                Await.until("codis-ha's first rounds with everything healthy", () -> GroupStatusLines.of(
                        DashboardStats.of(api.stats())), lines -> lines.size() == 2
                        && lines.stream().allMatch(line -> line.startsWith("[ ] ")));

                Map<String, String> acked = new ConcurrentHashMap<>();
                AtomicLong firstFailure = new AtomicLong();
                AtomicLong lastFailure = new AtomicLong();
                AtomicBoolean stop = new AtomicBoolean();
                List<String> errors = new ArrayList<>();
                Thread writer = new Thread(() -> {
                    Jedis client = null;
                    for (int i = 0; !stop.get(); i++) {
                        try {
                            if (client == null) {
                                client = new Jedis("127.0.0.1", HostPort.parse(proxy.proxy().model().proxyAddr()).port());
                            }
                            client.set("k" + i, Integer.toString(i));
                            acked.put("k" + i, Integer.toString(i));
                        } catch (RuntimeException e) {
                            firstFailure.compareAndSet(0, System.nanoTime());
                            lastFailure.set(System.nanoTime());
                            if (errors.size() < 3) {
                                errors.add(e.getMessage());
                            }
                            if (client != null) {
                                client.close();
                                client = null;
                            }
                            LockSupport.parkNanos(5_000_000);
                        }
                    }
                    if (client != null) {
                        client.close();
                    }
                });
                writer.start();
                Await.until("writes before the kill (first errors: " + errors + ")", () -> acked.size() > 300);
                Map<String, String> beforeWait = Map.copyOf(acked);
                assertThat(a.awaitReplicated(1, Duration.ofSeconds(2))).as("a write of the test's own, then WAIT 1 on the master")
                        .isGreaterThanOrEqualTo(1);
                a.kill();

                Await.until("group 1 promoted by codis-ha", Duration.ofSeconds(30), () -> group1(api),
                        g -> g.servers().get(0).addr().equals(b.addr()) && g.promoting().state().isEmpty());
                assertThat(group1(api).servers()).extracting(s -> s.addr()).containsExactly(b.addr(), a.addr());
                Await.until("the proxy on the new master", () -> proxy.proxy().slots().stream()
                        .allMatch(s -> s.backendAddr().equals(b.addr())));
                int ackedAtSwitch = acked.size();
                Await.until("writes after the promote", () -> acked.size() > ackedAtSwitch + 200);
                stop.set(true);
                writer.join();

                long lost;
                try (Jedis onB = new Jedis("127.0.0.1", b.port())) {
                    beforeWait.forEach((k, v) -> assertThat(onB.get(k)).as(k + ", acknowledged before WAIT 1").isEqualTo(v));
                    lost = acked.entrySet().stream().filter(e -> !e.getValue().equals(onB.get(e.getKey()))).count();
                }
                System.out.printf("codis-ha failover: gap %d ms (first to last failed request), %d of %d acknowledged"
                        + " writes lost, errors %s%n", (lastFailure.get() - firstFailure.get()) / 1_000_000, lost,
                        acked.size(), errors);

                a.restart();
                Await.until("the old master re-attached as a replica of the new one", Duration.ofSeconds(30),
                        () -> replication(a), info -> "slave".equals(info.get("role"))
                                && Integer.toString(b.port()).equals(info.get("master_port"))
                                && "up".equals(info.get("master_link_status")));
                Await.until("every server healthy again", () -> GroupStatusLines.of(DashboardStats.of(api.stats())),
                        lines -> lines.size() == 2 && lines.stream().allMatch(line -> line.startsWith("[ ] ")));
                Thread.sleep(2500);
                assertThat(a.isRunning()).as("the old master is not shut down").isTrue();
                assertThat(group1(api).servers()).extracting(s -> s.addr()).containsExactly(b.addr(), a.addr());
            } finally {
                ha.close();
                haThread.join();
            }
        }
    }
}
