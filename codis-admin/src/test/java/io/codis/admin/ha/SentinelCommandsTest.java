package io.codis.admin.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.RedisServer;
import io.codis.common.testkit.SentinelServer;
import io.codis.proxy.ProxyServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * {@code codis-admin --sentinel-add}, {@code --sentinel-resync} and {@code --sentinel-del [--force]}
 * against the real dashboard and three real redis-sentinels, one of which goes down: what each
 * sentinel monitors, the stored model and its {@code out_of_sync}, the list every proxy holds, the
 * sentinel info routes and the stats.
 */
class SentinelCommandsTest {
    private static final String PRODUCT = "codis-sentinels";

    /** The product's masters a sentinel monitors: name → the entry of SENTINEL MASTERS. */
    private static Map<String, Map<String, String>> monitored(SentinelServer sentinel) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        try (Jedis j = new Jedis("127.0.0.1", sentinel.port())) {
            for (Map<String, String> master : j.sentinelMasters()) {
                out.put(master.get("name"), master);
            }
        }
        return out;
    }

    private static List<String> sentinelsOf(JsonNode stats) {
        List<String> out = new ArrayList<>();
        stats.path("sentinels").path("model").path("servers").forEach(s -> out.add(s.textValue()));
        return out;
    }

    @Test
    void sentinelsAreAddedResyncedAndRemovedEvenWhenOneIsDown() throws Exception {
        try (RedisServer m1 = RedisServer.start(); RedisServer m2 = RedisServer.start();
                RedisServer r2 = RedisServer.builder().args("--replicaof", "127.0.0.1", Integer.toString(m2.port())).start();
                SentinelServer s1 = SentinelServer.start(); SentinelServer s2 = SentinelServer.start();
                SentinelServer s3 = SentinelServer.start();
                AdminDashboard d = new AdminDashboard(PRODUCT, "sentinel_client_timeout = \"2s\"\n"
                        + "sentinel_down_after = \"1500ms\"\nsentinel_failover_timeout = \"20s\"\n")) {
            d.ok("--create-group", "--gid=1");
            d.ok("--group-add", "--gid=1", "--addr=" + m1.addr());
            d.ok("--create-group", "--gid=2");
            d.ok("--group-add", "--gid=2", "--addr=" + m2.addr());
            ProxyServer proxy = d.addProxy();
            try (Jedis j = new Jedis("127.0.0.1", s1.port())) {
                j.sentinelMonitor("another-product-1", "127.0.0.1", m1.port(), 2);
                j.sentinelMonitor(PRODUCT + "-9", "127.0.0.1", m2.port(), 2);
            }

            for (SentinelServer s : List.of(s1, s2, s3)) {
                assertThat(d.ok("--sentinel-add", "--addr=" + s.addr())).isEmpty();
            }
            assertThat(d.remoteError("--sentinel-add", "--addr=" + s1.addr()))
                    .isEqualTo("sentinel-[" + s1.addr() + "] already exists");
            assertThat(d.remoteError("--sentinel-add", "--addr=127.0.0.1:1")).startsWith("dial tcp 127.0.0.1:1");
            JsonNode stats = d.stats();
            assertThat(sentinelsOf(stats)).containsExactly(s1.addr(), s2.addr(), s3.addr());
            assertThat(stats.path("sentinels").path("model").path("out_of_sync").booleanValue()).isTrue();
            assertThat(monitored(s2)).isEmpty();

            assertThat(d.ok("--sentinel-resync")).isEmpty();
            for (SentinelServer s : List.of(s1, s2, s3)) {
                Map<String, Map<String, String>> masters = monitored(s);
                assertThat(masters.keySet()).as("monitored by " + s).containsAll(List.of(PRODUCT + "-1", PRODUCT + "-2"))
                        .doesNotContain(PRODUCT + "-9");
                Map<String, String> g1 = masters.get(PRODUCT + "-1");
                assertThat(g1.get("ip") + ":" + g1.get("port")).isEqualTo(m1.addr());
                assertThat(g1.get("quorum")).isEqualTo("2");
                assertThat(g1.get("down-after-milliseconds")).isEqualTo("1500");
                assertThat(g1.get("failover-timeout")).isEqualTo("20000");
                assertThat(g1.get("parallel-syncs")).isEqualTo("1");
            }
            assertThat(monitored(s1)).containsKey("another-product-1");
            assertThat(d.stats().path("sentinels").path("model").path("out_of_sync").booleanValue()).isFalse();
            assertThat(proxy.proxy().sentinels()).containsExactly(s1.addr(), s2.addr(), s3.addr());

            assertThat(d.get("/api/topom/sentinels/info/" + s1.addr()).path("redis_mode").textValue()).isEqualTo("sentinel");
            JsonNode onS1 = d.get("/api/topom/sentinels/info/" + s1.addr() + "/monitored");
            assertThat(onS1.has("another-product-1")).isFalse();
            assertThat(onS1.path(PRODUCT + "-2").path("master").path("port").textValue())
                    .isEqualTo(Integer.toString(m2.port()));
            Await.until("the sentinels' samples in the stats", () -> d.stats().path("sentinels").path("stats"),
                    sampled -> sampled.path(s3.addr()).path("sentinel").has(PRODUCT + "-1")
                            && sampled.path(s3.addr()).path("stats").has("sentinel_masters"));

            s3.stop();
            assertThat(d.remoteError("--sentinel-resync")).startsWith("sentinel-[" + s3.addr() + "] resync failed");
            assertThat(d.stats().path("sentinels").path("model").path("out_of_sync").booleanValue()).isTrue();
            assertThat(d.remoteError("--sentinel-del", "--addr=" + s3.addr()))
                    .isEqualTo("remove sentinel " + s3.addr() + " failed");
            assertThat(sentinelsOf(d.stats())).contains(s3.addr());
            d.ok("--sentinel-del", "--addr=" + s3.addr(), "--force");
            assertThat(sentinelsOf(d.stats())).containsExactly(s1.addr(), s2.addr());
            assertThat(d.remoteError("--sentinel-del", "--addr=" + s3.addr()))
                    .isEqualTo("sentinel-[" + s3.addr() + "] not found");

            d.ok("--sentinel-resync");
            assertThat(d.stats().path("sentinels").path("model").path("out_of_sync").booleanValue()).isFalse();
            assertThat(proxy.proxy().sentinels()).containsExactly(s1.addr(), s2.addr());

            d.ok("--sentinel-del", "--addr=" + s2.addr());
            assertThat(monitored(s2)).isEmpty();
            assertThat(sentinelsOf(d.stats())).containsExactly(s1.addr());

            d.ok("--group-add", "--gid=2", "--addr=" + r2.addr());
            assertThat(d.stats().path("sentinels").path("model").path("out_of_sync").booleanValue())
                    .as("a group changed behind the sentinels' back").isTrue();

            d.ok("--sentinel-resync");
            assertThat(monitored(s1)).containsKey(PRODUCT + "-2");
            d.ok("--promote-server", "--gid=2", "--addr=" + r2.addr());
            assertThat(monitored(s1)).as("a promoted group is no longer failed over by the sentinels")
                    .containsKey(PRODUCT + "-1").doesNotContainKey(PRODUCT + "-2");
            assertThat(d.stats().path("sentinels").path("model").path("out_of_sync").booleanValue()).isTrue();
        }
    }
}
