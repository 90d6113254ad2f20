package io.codis.admin.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.RedisServer;
import io.codis.common.testkit.SentinelEvents;
import io.codis.common.testkit.SentinelServer;
import io.codis.proxy.ProxyServer;
import io.codis.proxy.admin.StatsFlags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A group's master SIGKILLed while clients read and write through two proxies, with three real
 * sentinels (down-after 1 s) and {@code sentinel_auto_resync}: the sentinels fail over, every proxy
 * switches by itself, the dashboard swaps the group's servers and resyncs it, and the old master,
 * started again after a restart of the dashboard, ends a replica of the new one; the model, {@code --group-status} and the proxies
 * agree without an operator. Prints the gap (first to last failed request) and the acknowledged
 * writes lost (replication is asynchronous); every write acknowledged through the proxies before a
 * write of the test's own on the master that a successful {@code WAIT 1} confirmed survives.
 */
class SentinelFailoverTest {
    private static final String PRODUCT = "codis-failover";

    /** One client writing k{n}:{i} through one proxy, reading each key back. */
    private static final class Client extends Thread {
        final Map<String, String> acked = new ConcurrentHashMap<>();
        final AtomicLong firstFailure = new AtomicLong();
        final AtomicLong lastFailure = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final List<String> errors = new ArrayList<>();
        private final ProxyServer proxy;
        private final String prefix;
        private final AtomicBoolean stop;

        Client(ProxyServer proxy, String prefix, AtomicBoolean stop) {
            this.proxy = proxy;
            this.prefix = prefix;
            this.stop = stop;
            setDaemon(true);
        }

        @Override
        public void run() {
            Jedis jedis = null;
            for (int i = 0; !stop.get(); i++) {
                String key = prefix + i;
                try {
                    if (jedis == null) {
                        jedis = AdminDashboard.client(proxy);
                    }
                    jedis.set(key, Integer.toString(i));
                    acked.put(key, Integer.toString(i));
                    String read = jedis.get(prefix + (i / 2));
                    if (read != null && !read.equals(Integer.toString(i / 2))) {
                        throw new IllegalStateException("read " + read + " for " + prefix + (i / 2));
                    }
                } catch (RuntimeException e) {
                    long now = System.nanoTime();
                    firstFailure.compareAndSet(0, now);
                    lastFailure.set(now);
                    if (failures.incrementAndGet() <= 5) {
                        synchronized (errors) {
                            errors.add(e.getMessage());
                        }
                    }
                    if (jedis != null) {
                        jedis.close();
                        jedis = null;
                    }
                    pause();
                }
            }
            if (jedis != null) {
                jedis.close();
            }
        }

        private static void pause() {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static JsonNode proxyStats(ProxyServer proxy) {
        return proxy.proxy().stats(StatsFlags.NONE);
    }

    @Test
    void aKilledMasterIsFailedOverAndTheClusterHealsWithoutAnOperatorEvenAcrossADashboardRestart() throws Exception {
        try (RedisServer a = HaServers.redis(); RedisServer b = HaServers.replicaOf(a);
                SentinelServer s1 = SentinelServer.start(); SentinelServer s2 = SentinelServer.start();
                SentinelServer s3 = SentinelServer.start();
                AdminDashboard d = new AdminDashboard(PRODUCT, "sentinel_client_timeout = \"2s\"\n"
                        + "sentinel_down_after = \"1000ms\"\nsentinel_failover_timeout = \"3s\"\n")) {
            List<ProxyServer> proxies = List.of(d.addProxy(), d.addProxy());
            d.groupWithEverySlot(1, a.addr(), b.addr());
            d.watchedBy(List.of(s1.addr(), s2.addr(), s3.addr()));
            for (ProxyServer p : proxies) {
                Await.until("the proxy's first fetch of the sentinels' masters",
                        () -> proxyStats(p).path("sentinels").path("masters").path("1").asText(), a.addr()::equals);
            }
            for (SentinelServer s : List.of(s1, s2, s3)) {
                Await.until("the replica known to " + s, () -> {
                    try (Jedis j = new Jedis("127.0.0.1", s.port())) {
                        return j.sentinelReplicas(PRODUCT + "-1").size();
                    }
                }, n -> n >= 1);
            }

            AtomicBoolean stop = new AtomicBoolean();
            List<Client> clients = List.of(new Client(proxies.get(0), "p0:", stop), new Client(proxies.get(1), "p1:", stop));
            clients.forEach(Thread::start);
            Await.until("writes before the kill", () -> clients.stream().allMatch(c -> c.acked.size() > 300));
            Map<String, String> beforeWait = new java.util.HashMap<>();
            clients.forEach(c -> beforeWait.putAll(c.acked));
            assertThat(a.awaitReplicated(1, Duration.ofSeconds(2))).as("a write of the test's own, then WAIT 1 on the master")
                    .isGreaterThanOrEqualTo(1);
            SentinelEvents events = SentinelEvents.listen(List.of(s1, s2, s3));
            long killedAt = System.nanoTime();
            a.kill();

            long[] proxySwitchedAt = new long[proxies.size()];
            Await.until("every slot of every proxy on the new master", Duration.ofSeconds(30), Duration.ofMillis(2), () -> {
                for (int i = 0; i < proxies.size(); i++) {
                    if (proxySwitchedAt[i] == 0 && proxies.get(i).proxy().slots().stream()
                            .allMatch(s -> s.backendAddr().equals(b.addr()))) {
                        proxySwitchedAt[i] = System.nanoTime();
                    }
                }
                return java.util.Arrays.stream(proxySwitchedAt).allMatch(t -> t != 0);
            });
            Await.until("the dashboard's group 1 switched and resynced", Duration.ofSeconds(30),
                    () -> d.group(1), g -> g.get("servers").get(0).get("server").textValue().equals(b.addr())
                            && !g.get("out_of_sync").booleanValue());
            long switchedAt = System.nanoTime();
            Await.until("writes after the switch", () -> clients.stream().allMatch(c -> c.lastFailure.get() == 0
                    || c.acked.size() > 300 + beforeWait.size()));
            Thread.sleep(300);
            stop.set(true);
            for (Client c : clients) {
                c.join();
            }

            long first = clients.stream().mapToLong(c -> c.firstFailure.get()).filter(t -> t != 0).min().orElse(0);
            long last = clients.stream().mapToLong(c -> c.lastFailure.get()).max().orElse(0);
            long lost = 0;
            try (Jedis onB = new Jedis("127.0.0.1", b.port())) {
                for (Client c : clients) {
                    for (Map.Entry<String, String> e : c.acked.entrySet()) {
                        if (!e.getValue().equals(onB.get(e.getKey()))) {
                            lost++;
                        }
                    }
                }
                for (Map.Entry<String, String> e : beforeWait.entrySet()) {
                    assertThat(onB.get(e.getKey())).as(e.getKey() + ", acknowledged before WAIT 1").isEqualTo(e.getValue());
                }
            }
            long acked = clients.stream().mapToLong(c -> c.acked.size()).sum();
            System.out.printf("failover: gap %d ms (first to last failed request), %d failed requests, "
                            + "%d of %d acknowledged writes lost, proxies and dashboard switched %d ms after the kill%n",
                    (last - first) / 1_000_000, clients.stream().mapToLong(c -> c.failures.get()).sum(), lost, acked,
                    (switchedAt - killedAt) / 1_000_000);
            clients.forEach(c -> System.out.println("failover: errors seen by a client: " + c.errors));
            System.out.printf("failover: after the kill (ms): sentinels %s; proxies switched %s; first failure %d, last %d%n",
                    events.stepsAfter(killedAt), java.util.Arrays.stream(proxySwitchedAt).mapToObj(t -> (t - killedAt) / 1_000_000)
                            .toList(), (first - killedAt) / 1_000_000, (last - killedAt) / 1_000_000);
            events.close();
            for (ProxyServer p : proxies) {
                JsonNode sentinels = proxyStats(p).path("sentinels");
                assertThat(sentinels.path("masters").path("1").asText()).isEqualTo(b.addr());
            }

            assertThat(d.storedNode("old-masters")).as("the old master to re-attach, kept in the coordinator")
                    .hasValueSatisfying(json -> assertThat(json).contains(a.addr()));
            d.restart();
            a.restart();
            Await.until("the old master a replica of the new one", Duration.ofSeconds(30), () -> HaServers.replication(a),
                    info -> "slave".equals(info.get("role")) && Integer.toString(b.port()).equals(info.get("master_port"))
                            && "up".equals(info.get("master_link_status")));
            Await.until("the old master's sync action done", Duration.ofSeconds(30), () -> d.actionState(1, a.addr()),
                    "synced"::equals);
            Await.until("the re-attached old master no longer stored", () -> d.storedNode("old-masters").isEmpty());
            Await.until("the group status healthy", () -> d.ok("--group-status"), out -> out.lines().count() == 2
                    && out.lines().allMatch(line -> line.startsWith("[ ] ")) && out.contains(b.addr() + ":up"));
            for (ProxyServer p : proxies) {
                assertThat(p.proxy().slots()).allMatch(s -> s.backendAddr().equals(b.addr()));
                assertThat(proxyStats(p).path("sentinels").path("switched").asBoolean(false))
                        .as("the dashboard's resync made the switch official").isFalse();
            }
        }
    }

    @Test
    void withoutAutoResyncTheProxiesSwitchByThemselvesAndTheOperatorsSyncMakesItOfficial() throws Exception {
        try (RedisServer a = HaServers.redis(); RedisServer b = HaServers.replicaOf(a);
                SentinelServer s1 = SentinelServer.start(); SentinelServer s2 = SentinelServer.start();
                SentinelServer s3 = SentinelServer.start();
                AdminDashboard d = new AdminDashboard(PRODUCT, "sentinel_client_timeout = \"2s\"\n"
                        + "sentinel_auto_resync = false\n")) {
            ProxyServer proxy = d.addProxy();
            d.groupWithEverySlot(1, a.addr(), b.addr());
            d.watchedBy(List.of(s1.addr(), s2.addr(), s3.addr()));
            Await.until("the replica known to the sentinel", () -> {
                try (Jedis j = new Jedis("127.0.0.1", s1.port())) {
                    return j.sentinelReplicas(PRODUCT + "-1").size();
                }
            }, n -> n >= 1);
            Await.until("the proxy's first fetch", () -> proxyStats(proxy).path("sentinels").path("masters").path("1")
                    .asText(), a.addr()::equals);

            Await.untilPasses("SENTINEL FAILOVER accepted (the sentinel knows a good replica)", () -> {
                try (Jedis j = new Jedis("127.0.0.1", s1.port())) {
                    assertThat(j.sentinelFailover(PRODUCT + "-1")).isEqualTo("OK");
                }
            });
            Await.until("the proxy switched by itself", Duration.ofSeconds(30), () -> proxyStats(proxy).path("sentinels"),
                    st -> st.path("switched").asBoolean(false) && st.path("masters").path("1").asText().equals(b.addr()));
            Await.until("every slot of the proxy switched", () -> proxy.proxy().slots().stream()
                    .allMatch(s -> s.backendAddr().equals(b.addr())));
            Await.until("the dashboard's group swapped and out of sync", () -> d.group(1),
                    g -> g.get("servers").get(0).get("server").textValue().equals(b.addr()) && g.get("out_of_sync").booleanValue());
            assertThat(d.servers(1)).containsExactly(b.addr(), a.addr());
            assertThat(d.stats().path("sentinels").path("masters").path("1").asText()).isEqualTo(b.addr());
            try (Jedis client = AdminDashboard.client(proxy)) {
                Await.untilPasses("a write through the switched proxy", () -> assertThat(client.set("k", "v")).isEqualTo("OK"));
            }

            d.ok("--resync-group", "--gid=1");
            assertThat(proxyStats(proxy).path("sentinels").has("switched")).isFalse();
            assertThat(d.group(1).get("out_of_sync").booleanValue()).isFalse();
            assertThat(d.actionState(1, a.addr())).as("no sync action without sentinel_auto_resync").isEmpty();
        }
    }
}
