package io.codis.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.Await;
import io.codis.common.testkit.RedisServer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Keepalive pings, connections closed with their last slot, close answering what is in flight, qps. */
class LifecycleTest {

    static long pingCalls(RedisServer server) {
        try (Jedis direct = new Jedis("127.0.0.1", server.port())) {
            String stats = direct.info("commandstats");
            for (String line : stats.split("\r\n")) {
                if (line.startsWith("cmdstat_ping:calls=")) {
                    return Long.parseLong(line.substring("cmdstat_ping:calls=".length(), line.indexOf(',')));
                }
            }
            return 0;
        }
    }

    static int connectedClients(RedisServer server) {
        try (Jedis direct = new Jedis("127.0.0.1", server.port())) {
            return direct.clientList().split("\n").length;
        }
    }

    @Test
    void idleBackendConnectionsArePinged() {
        try (RedisServer redis = RedisServer.start();
                ProxyFixture proxy = ProxyFixture.start("backend_ping_period = \"1s\"").fillSpread(List.of(redis.addr())).online();
                RawClient c = proxy.raw()) {
            assertThat(c.call("SET", "ka:k", "v")).isEqualTo("+OK\r\n");
            long before = pingCalls(redis);
            Await.until("two PINGs on the idle backend connections", () -> pingCalls(redis), n -> n >= before + 2);
        }
    }

    @Test
    void connectionsToABackendNoSlotUsesAreClosed() {
        try (RedisServer a = RedisServer.start(); RedisServer b = RedisServer.start();
                ProxyFixture proxy = ProxyFixture.start("").fillSpread(List.of(a.addr())).online();
                RawClient c = proxy.raw()) {
            for (int i = 0; i < 20; i++) {
                assertThat(c.call("SET", "drop:" + i, "v")).isEqualTo("+OK\r\n");
            }
            assertThat(connectedClients(a)).isGreaterThan(1);
            proxy.fillSpread(List.of(b.addr()));
            // only the probing connection itself remains
            Await.until("only the probing connection left on " + a, () -> connectedClients(a), n -> n == 1);
            assertThat(c.call("GET", "drop:1")).isEqualTo("$-1\r\n");
        }
    }

    @Test
    void closeAnswersRequestsInFlight() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            ProxyFixture proxy = ProxyFixture.start("").fillSpread(List.of(redis.addr())).online();
            try (RawClient c = proxy.raw()) {
                assertThat(c.call("SET", "close:k", "v")).isEqualTo("+OK\r\n");
                try (Jedis direct = new Jedis("127.0.0.1", redis.port())) {
                    direct.clientPause(300);
                }
                long read = proxy.plane.stats().ops().total();
                c.sendBytes(RawClient.encode("GET", "close:k"));
                Await.until("the GET read by the proxy", () -> proxy.plane.stats().ops().total(), n -> n > read);
                CompletableFuture<Void> closing = CompletableFuture.runAsync(proxy::close);
                assertThat(c.readReply()).isEqualTo("$1\r\nv\r\n");
                closing.get(20, TimeUnit.SECONDS);
                assertThat(c.isClosedByPeer()).isTrue();
                assertThat(proxy.plane.router().isOnline()).isFalse();
            } finally {
                proxy.close();
            }
        }
    }

    @Test
    void qpsCountsTheLastSecond() {
        try (RedisServer redis = RedisServer.start();
                ProxyFixture proxy = ProxyFixture.start("").fillSpread(List.of(redis.addr())).online();
                RawClient c = proxy.raw()) {
            Await.until("a qps above 0", () -> {
                for (int i = 0; i < 20; i++) {
                    c.call("GET", "qps:k");
                }
                return proxy.plane.stats().ops().qps() > 0;
            });
            assertThat(proxy.plane.stats().sessions().alive()).isEqualTo(1);
            proxy.plane.stats().reset();
            assertThat(proxy.plane.stats().ops().total()).isZero();
            assertThat(proxy.plane.stats().ops().commands()).isEmpty();
            assertThat(proxy.plane.stats().sessions().total()).isEqualTo(1);
        }
    }
}
