package io.codis.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.Await;
import io.codis.common.testkit.RedisServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Not online, max clients, session_auth, break on failure. */
class SessionAdmissionTest {

    static RedisServer redis;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    @Test
    void aRouterNotStartedTurnsClientsAway() {
        try (ProxyFixture proxy = ProxyFixture.start("").fillSpread(List.of(redis.addr()))) {
            try (RawClient c = proxy.raw()) {
                assertThat(c.readReply()).isEqualTo("-ERR router is not online\r\n");
                assertThat(c.isClosedByPeer()).isTrue();
            }
            proxy.online();
            try (RawClient c = proxy.raw()) {
                assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
            }
        }
    }

    @Test
    void clientsAboveMaxClientsAreRejected() {
        try (ProxyFixture proxy = ProxyFixture.start("proxy_max_clients = 2").fillSpread(List.of(redis.addr())).online();
                RawClient a = proxy.raw(); RawClient b = proxy.raw()) {
            assertThat(a.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(b.call("PING")).isEqualTo("+PONG\r\n");
            try (RawClient c = proxy.raw()) {
                assertThat(c.readReply()).isEqualTo("-ERR max number of clients reached\r\n");
                assertThat(c.isClosedByPeer()).isTrue();
            }
            assertThat(proxy.plane.stats().sessions().total()).isEqualTo(3);
            b.close();
            Await.until("one session left", () -> proxy.plane.stats().sessions().alive(), n -> n == 1);
            try (RawClient d = proxy.raw()) {
                assertThat(d.call("PING")).isEqualTo("+PONG\r\n");
            }
        }
    }

    @Test
    void zeroMaxClientsRejectsEveryone() {
        try (ProxyFixture proxy = ProxyFixture.start("proxy_max_clients = 0").fillSpread(List.of(redis.addr())).online();
                RawClient c = proxy.raw()) {
            assertThat(c.readReply()).isEqualTo("-ERR max number of clients reached\r\n");
        }
    }

    @Test
    void sessionAuth() {
        try (ProxyFixture proxy = ProxyFixture.start("session_auth = \"s3cret\"").fillSpread(List.of(redis.addr())).online();
                RawClient c = proxy.raw()) {
            assertThat(c.call("GET", "a")).isEqualTo("-NOAUTH Authentication required\r\n");
            assertThat(c.call("KEYS", "*")).isEqualTo("-ERR handle request, command 'KEYS' is not allowed\r\n");
            assertThat(c.call("AUTH", "nope")).isEqualTo("-ERR invalid password\r\n");
            assertThat(c.call("AUTH", "s3cret")).isEqualTo("+OK\r\n");
            assertThat(c.call("SET", "auth:k", "v")).isEqualTo("+OK\r\n");
            assertThat(c.call("AUTH", "nope")).isEqualTo("-ERR invalid password\r\n");
            assertThat(c.call("GET", "auth:k")).isEqualTo("-NOAUTH Authentication required\r\n");
            assertThat(c.call("HELLO", "2", "AUTH", "default", "s3cret")).startsWith("*14\r\n");
            assertThat(c.call("GET", "auth:k")).isEqualTo("$1\r\nv\r\n");
            try (Jedis jedis = proxy.jedis()) {
                jedis.auth("s3cret");
                assertThat(jedis.get("auth:k")).isEqualTo("v");
            }
        }
    }

    @Test
    void productAuthIsSentToBackends() {
        try (RedisServer secured = RedisServer.builder().password("pa55").start();
                ProxyFixture proxy = ProxyFixture.start("product_auth = \"pa55\"").fillSpread(List.of(secured.addr())).online();
                RawClient c = proxy.raw()) {
            assertThat(c.call("SET", "pa:k", "v")).isEqualTo("+OK\r\n");
            assertThat(c.call("SELECT", "2")).isEqualTo("+OK\r\n");
            assertThat(c.call("GET", "pa:k")).isEqualTo("$-1\r\n");
        }
    }

    @Test
    void aWrongProductAuthFailsRequestsWithConnReset() {
        try (RedisServer secured = RedisServer.builder().password("right").start();
                ProxyFixture proxy = ProxyFixture.start("product_auth = \"wrong\"").fillSpread(List.of(secured.addr())).online();
                RawClient c = proxy.raw()) {
            for (int i = 0; i < 3; i++) {
                assertThat(c.call("GET", "pa:k")).isEqualTo("-ERR handle response, backend conn reset\r\n");
            }
        }
    }

    @Test
    void breakOnFailureClosesAfterTheError() {
        try (ProxyFixture proxy = ProxyFixture.start("session_break_on_failure = true").fillSpread(List.of(redis.addr())).online();
                RawClient c = proxy.raw()) {
            assertThat(c.call("KEYS", "*")).isEqualTo("-ERR handle request, command 'KEYS' is not allowed\r\n");
            assertThat(c.isClosedByPeer()).isTrue();
        }
    }

    @Test
    void tooManyPipelinedRequestsCloseTheSession() {
        try (ProxyFixture proxy = ProxyFixture.start("session_max_pipeline = 2").fillSpread(List.of(redis.addr())).online();
                RawClient c = proxy.raw()) {
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 2000; i++) {
                many.append("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n");
            }
            // the proxy may answer some before it sees the queue overflow; it must end up closing
            c.send(many.toString());
            boolean closed = false;
            for (int i = 0; i <= 2000 && !closed; i++) {
                try {
                    c.readReply();
                } catch (RuntimeException eof) {
                    closed = true;
                }
            }
            assertThat(closed).isTrue();
        }
    }

    @Test
    void idleSessionsAreClosedAfterRecvTimeout() {
        try (ProxyFixture proxy = ProxyFixture.start("session_recv_timeout = \"1s\"").fillSpread(List.of(redis.addr())).online();
                RawClient c = proxy.raw()) {
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(c.isClosedByPeer()).isTrue();
        }
    }

    @Test
    void aSmallBackendPipelineStillAnswersEverythingInOrder() {
        try (ProxyFixture proxy = ProxyFixture.start("backend_max_pipeline = 2").fillSpread(List.of(redis.addr())).online();
                RawClient c = proxy.raw()) {
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                many.append(new String(RawClient.encode("SET", "bmp:" + i, Integer.toString(i))));
                many.append(new String(RawClient.encode("GET", "bmp:" + i)));
            }
            c.send(many.toString());
            for (int i = 0; i < 500; i++) {
                assertThat(c.readReply()).isEqualTo("+OK\r\n");
                assertThat(c.readReply()).isEqualTo("$" + Integer.toString(i).length() + "\r\n" + i + "\r\n");
            }
        }
    }

    @Test
    void parallelPrimaryConnectionsKeepEachSessionsOrder() {
        try (ProxyFixture proxy = ProxyFixture.start("backend_primary_parallel = 3").fillSpread(List.of(redis.addr())).online();
                RawClient a = proxy.raw(); RawClient b = proxy.raw()) {
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 300; i++) {
                many.append(new String(RawClient.encode("INCR", "par:counter")));
            }
            a.send(many.toString());
            b.send(many.toString());
            long lastA = 0;
            long lastB = 0;
            for (int i = 0; i < 300; i++) {
                long va = Long.parseLong(a.readReply().trim().substring(1));
                long vb = Long.parseLong(b.readReply().trim().substring(1));
                assertThat(va).isGreaterThan(lastA);
                assertThat(vb).isGreaterThan(lastB);
                lastA = va;
                lastB = vb;
            }
            assertThat(Math.max(lastA, lastB)).isEqualTo(600);
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedAfterSendTimeout() {
        try (ProxyFixture proxy = ProxyFixture.start("session_send_timeout = \"1s\"\nsession_send_bufsize = \"16kb\"")
                .fillSpread(List.of(redis.addr())).online();
                RawClient c = proxy.raw()) {
            assertThat(c.call("SET", "big:k", "x".repeat(100_000))).isEqualTo("+OK\r\n");
            byte[] get = RawClient.encode("GET", "big:k");
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                many.append(new String(get));
            }
            // 20 MB of replies that are never read
            c.send(many.toString());
            Await.until("the session that does not read closed", () -> proxy.plane.stats().sessions().alive(), n -> n == 0);
        }
    }
}
