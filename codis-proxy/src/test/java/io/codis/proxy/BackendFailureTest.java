package io.codis.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.Await;
import io.codis.common.testkit.RedisServer;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** A backend killed and restarted under load; a backend that stops answering. */
class BackendFailureTest {

    @Test
    void clientsSeeConnResetThenRecoverWithoutRestartingTheProxy() throws Exception {
        try (RedisServer redis = RedisServer.start();
                ProxyFixture proxy = ProxyFixture.start("").fillSpread(List.of(redis.addr())).online()) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            ConcurrentHashMap<String, Boolean> unexpected = new ConcurrentHashMap<>();
            Thread load = new Thread(() -> {
                try (RawClient c = proxy.raw()) {
                    StringBuilder batch = new StringBuilder();
                    for (int i = 0; i < 50; i++) {
                        batch.append(new String(RawClient.encode("SET", "bf:" + i, "v")));
                    }
                    while (!stop.get()) {
                        c.send(batch.toString());
                        for (int i = 0; i < 50; i++) {
                            String reply = c.readReply();
                            if (reply.equals("+OK\r\n")) {
                                ok.incrementAndGet();
                            } else if (reply.equals("-ERR handle response, backend conn reset\r\n")
                                    || reply.startsWith("-ERR handle response, backend conn failure, ")) {
                                failed.incrementAndGet();
                            } else {
                                unexpected.put(reply, true);
                            }
                        }
                    }
                }
            });
            load.start();
            Await.until("500 SETs answered", ok::get, n -> n > 500);
            redis.kill();
            Await.until("a SET failed by the killed backend", failed::get, n -> n > 0);
            redis.restart();
            long okBefore = ok.get();
            Await.until("500 more SETs answered after the restart", ok::get, n -> n > okBefore + 500);
            stop.set(true);
            load.join();
            assertThat(unexpected).isEmpty();
            try (Jedis jedis = proxy.jedis()) {
                assertThat(jedis.set("bf:after", "1")).isEqualTo("OK");
            }
        }
    }

    @Test
    void aBackendThatStopsAnsweringTimesOut() {
        try (RedisServer redis = RedisServer.start();
                ProxyFixture proxy = ProxyFixture.start("backend_recv_timeout = \"1s\"").fillSpread(List.of(redis.addr())).online();
                RawClient c = proxy.raw()) {
            assertThat(c.call("SET", "to:k", "v")).isEqualTo("+OK\r\n");
            try (Jedis direct = new Jedis("127.0.0.1", redis.port())) {
                direct.clientPause(2500);
            }
            assertThat(c.call("GET", "to:k")).isEqualTo("-ERR handle response, backend conn failure, i/o timeout\r\n");
            Await.until("GET answered again once the pause ends", () -> c.call("GET", "to:k"), "$1\r\nv\r\n"::equals);
        }
    }

    @Test
    void aBackendThatAnswersSlowlyButSteadilyDoesNotTimeOut() throws InterruptedException {
        // Each script holds the backend 0.6 s. The second is sent while the first runs and the third
        // while the second runs, so the proxy waits for replies for 1.8 s without a break; but no
        // reply comes more than 0.6 s after the one before, and that is what backend_recv_timeout
        // measures. (Pipelined all at once they would time out: Redis writes the replies of what it
        // read together only after running all of it.)
        String slow = "local t = redis.call('TIME') local start = t[1] * 1000000 + t[2] "
                + "repeat t = redis.call('TIME') until t[1] * 1000000 + t[2] - start >= 600000 return 1";
        byte[] script = RawClient.encode("EVAL", slow, "1", "slow:k");
        try (RedisServer redis = RedisServer.start();
                ProxyFixture proxy = ProxyFixture.start("backend_recv_timeout = \"1s\"").fillSpread(List.of(redis.addr())).online();
                RawClient c = proxy.raw()) {
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
            c.sendBytes(script);
            Thread.sleep(300);
            c.sendBytes(script);
            Thread.sleep(600);
            c.sendBytes(script);
            assertThat(List.of(c.readReply(), c.readReply(), c.readReply())).containsOnly(":1\r\n");
        }
    }
}
