package io.codis.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.resp.NettyLeakCheck;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.RedisServer;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/** Clients that leave with requests in flight leak no buffer (Netty's detector at PARANOID), whatever the command's path. */
@ExtendWith(NettyLeakCheck.class)
class LeakTest {

    @Test
    void aClientDisconnectingWithAThousandRequestsInFlightLeaksNothing() {
        List<RedisServer> servers = List.of(RedisServer.start(), RedisServer.start());
        try (ProxyFixture proxy = ProxyFixture.start("", 1).fillSpread(servers.stream().map(RedisServer::addr).toList()).online()) {
            // after ProxyFixture's static setup (SIMPLE): every buffer of this test is tracked
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
            try (RawClient warm = proxy.raw()) {
                assertThat(warm.call("SET", "leak:0", "x".repeat(1000))).isEqualTo("+OK\r\n");
                assertThat(warm.call("SET", "leak:1", "y".repeat(1000))).isEqualTo("+OK\r\n");
            }
            for (RedisServer server : servers) {
                try (Jedis direct = new Jedis("127.0.0.1", server.port())) {
                    direct.clientPause(300);
                }
            }
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                switch (i % 4) {
                    case 0 -> many.append(new String(RawClient.encode("GET", "leak:" + (i % 2))));
                    case 1 -> many.append(new String(RawClient.encode("MGET", "leak:0", "leak:1", "leak:2", "leak:3")));
                    case 2 -> many.append(new String(RawClient.encode("MSET", "leak:2", "a", "leak:3", "b")));
                    default -> many.append(new String(RawClient.encode("EXISTS", "leak:0", "leak:1", "leak:9")));
                }
            }
            try (RawClient quitter = proxy.raw()) {
                assertThat(quitter.call("PING")).isEqualTo("+PONG\r\n");
                quitter.send(many.toString());
            }
            Await.until("every session closed", () -> proxy.plane.stats().sessions().alive(), n -> n == 0);
            // the same loop's connections answer this only after every reply queued before it
            try (RawClient after = proxy.raw()) {
                for (int i = 0; i < 8; i++) {
                    assertThat(after.call("MGET", "leak:0", "leak:1")).startsWith("*2\r\n");
                }
            }
        } finally {
            servers.forEach(RedisServer::close);
        }
        assertThat(NettyLeakCheck.collectLeaks()).isEmpty();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    }

    @Test
    void wholeKeyspaceReadsAnsweredOrLeftInFlightLeakNothing() {
        List<RedisServer> servers = List.of(RedisServer.start(), RedisServer.start());
        try (ProxyFixture proxy = ProxyFixture.start("proxy_allow_keys = true", 1)
                .fillSpread(servers.stream().map(RedisServer::addr).toList()).online()) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
            String[][] requests = {{"SCAN", "0", "COUNT", "1000"}, {"SCAN", "1"}, {"SCAN", "0", "COUNT", "0"}, {"DBSIZE"},
                {"DBSIZE", "x"}, {"RANDOMKEY"}, {"KEYS", "leak:*"}, {"KEYS"}};
            try (RawClient c = proxy.raw()) {
                for (int i = 0; i < 20; i++) {
                    assertThat(c.call("SET", "leak:" + i, "v")).isEqualTo("+OK\r\n");
                }
                for (String[] request : requests) {
                    assertThat(c.call(request)).as(String.join(" ", request)).isNotEmpty();
                }
            }
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 400; i++) {
                many.append(new String(RawClient.encode(requests[i % requests.length])));
            }
            try (RawClient quitter = proxy.raw()) {
                quitter.send(many.toString());
            }
            Await.until("every session closed", () -> proxy.plane.stats().sessions().alive(), n -> n == 0);
            try (RawClient after = proxy.raw()) {
                assertThat(after.call("DBSIZE")).isEqualTo(":20\r\n");
            }
        } finally {
            servers.forEach(RedisServer::close);
        }
        assertThat(NettyLeakCheck.collectLeaks()).isEmpty();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    }

    @Test
    void clientsKilledWhileBlockedOrInATransactionLeakNothingAndGiveTheirConnectionsBack() {
        RedisServer server = RedisServer.start();
        try (ProxyFixture proxy = ProxyFixture.start("proxy_max_owned_conns = 3", 1).fillSpread(List.of(server.addr())).online()) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
            List<RawClient> killed = new ArrayList<>();
            try {
                RawClient blpop = proxy.raw();
                killed.add(blpop);
                blpop.send(new String(RawClient.encode("BLPOP", "leak:queue", "0")));
                RawClient xread = proxy.raw();
                killed.add(xread);
                xread.send(new String(RawClient.encode("XREAD", "BLOCK", "0", "STREAMS", "leak:stream", "$")));
                RawClient multi = proxy.raw();
                killed.add(multi);
                assertThat(multi.call("MULTI")).isEqualTo("+OK\r\n");
                assertThat(multi.call("PING")).isEqualTo("+QUEUED\r\n");
                assertThat(multi.call("SET", "leak:tx", "x".repeat(1000))).isEqualTo("+QUEUED\r\n");
                Await.until("two calls block", () -> BlockingCommandsTest.blockedClients(server) == 2);
                try (RawClient full = proxy.raw()) {
                    assertThat(full.call("WATCH", "leak:tx")).isEqualTo("-ERR handle request, max number of owned backend connections reached\r\n");
                }
            } finally {
                killed.forEach(RawClient::close);
            }
            Await.until("every session closed", () -> proxy.plane.stats().sessions().alive(), n -> n == 0);
            Await.until("no call blocks any more", () -> BlockingCommandsTest.blockedClients(server) == 0);
            try (RawClient after = proxy.raw()) {
                assertThat(after.call("GET", "leak:tx")).isEqualTo("$-1\r\n");
                for (int i = 0; i < 3; i++) {
                    assertThat(after.call("BLPOP", "leak:queue", "0.01")).isEqualTo("*-1\r\n");
                    assertThat(after.call("MULTI")).isEqualTo("+OK\r\n");
                    assertThat(after.call("INCR", "leak:n")).isEqualTo("+QUEUED\r\n");
                    assertThat(after.call("EXEC")).isEqualTo("*1\r\n:" + (i + 1) + "\r\n");
                }
            }
        } finally {
            server.close();
        }
        assertThat(NettyLeakCheck.collectLeaks()).isEmpty();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    }

    /** Runs {@code test} on a proxy of one loop ({@code toml}) over two servers with every buffer tracked, then checks for leaks. */
    private static void leakChecked(String toml, java.util.function.BiConsumer<ProxyFixture, List<RedisServer>> test) {
        List<RedisServer> servers = List.of(RedisServer.start(), RedisServer.start());
        try (ProxyFixture proxy = ProxyFixture.start(toml, 1).fillSpread(servers.stream().map(RedisServer::addr).toList()).online()) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
            test.accept(proxy, servers);
        } finally {
            servers.forEach(RedisServer::close);
        }
        assertThat(NettyLeakCheck.collectLeaks()).isEmpty();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    }

    @Test
    void aSubscriberKilledWithMessagesInFlightLeaksNothingAndEndsItsSubscriptions() {
        leakChecked("proxy_max_owned_conns = 4", (proxy, servers) -> {
            String payload = "m".repeat(1000);
            try (RawClient sub = proxy.raw(); RawClient pub = proxy.raw()) {
                assertThat(sub.call("PSUBSCRIBE", "leak:*")).endsWith(":1\r\n");
                assertThat(sub.call("SUBSCRIBE", "leak:0")).endsWith(":2\r\n");
                assertThat(pub.call("PUBLISH", "leak:0", payload)).isEqualTo(":2\r\n");
                StringBuilder many = new StringBuilder();
                for (int i = 0; i < 500; i++) {
                    many.append(new String(RawClient.encode("PUBLISH", "leak:" + (i % 4), payload)));
                }
                pub.send(many.toString());
            } // the subscriber leaves without reading
            Await.until("every session closed", () -> proxy.plane.stats().sessions().alive(), n -> n == 0);
            for (RedisServer server : servers) {
                Await.until("no subscription left on " + server.addr(), () -> PubSubTest.numpat(server) == 0);
            }
            try (RawClient after = proxy.raw(); RawClient pub = proxy.raw()) {
                assertThat(after.call("PSUBSCRIBE", "leak:*")).endsWith(":1\r\n");
                assertThat(pub.call("PUBLISH", "leak:1", "x")).isEqualTo(":1\r\n");
                assertThat(after.readReply()).isEqualTo("*4\r\n$8\r\npmessage\r\n$6\r\nleak:*\r\n$6\r\nleak:1\r\n$1\r\nx\r\n");
            }
        });
    }

    @Test
    void resp3SessionsSwitchingProtocolsWithRepliesAndMessagesInFlightLeakNothing() {
        leakChecked("proxy_max_owned_conns = 4", (proxy, servers) -> {
            String payload = "m".repeat(1000);
            StringBuilder switching = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                switching.append(new String(RawClient.encode("SET", "leak:" + (i % 4), payload)));
                switching.append(new String(RawClient.encode("HELLO", i % 2 == 0 ? "3" : "2")));
                switching.append(new String(RawClient.encode("MGET", "leak:0", "leak:1", "leak:none")));
            }
            try (RawClient sub = proxy.raw(); RawClient pub = proxy.raw(); RawClient switcher = proxy.raw()) {
                assertThat(sub.call("HELLO", "3")).startsWith("%7\r\n");
                assertThat(sub.call("SUBSCRIBE", "leak:0")).isEqualTo(">3\r\n$9\r\nsubscribe\r\n$6\r\nleak:0\r\n:1\r\n");
                assertThat(sub.call("HELLO", "2")).startsWith("*14\r\n"); // its RESP3 link's pushes now copied into arrays
                StringBuilder many = new StringBuilder();
                for (int i = 0; i < 300; i++) {
                    many.append(new String(RawClient.encode("PUBLISH", "leak:0", payload)));
                }
                pub.send(many.toString());
                switcher.send(switching.toString());
            } // all three leave without reading
            Await.until("every session closed", () -> proxy.plane.stats().sessions().alive(), n -> n == 0);
            try (RawClient after = proxy.raw()) {
                assertThat(after.call("HELLO", "3")).startsWith("%7\r\n");
                assertThat(after.call("MGET", "leak:0", "leak:none")).isEqualTo("*2\r\n$1000\r\n" + payload + "\r\n_\r\n");
            }
        });
    }
}
