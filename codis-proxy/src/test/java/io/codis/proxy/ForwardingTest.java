package io.codis.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.slot.SlotHash;
import io.codis.common.testkit.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/** Plain forwarding through a started proxy to four real Redis servers. */
class ForwardingTest extends FourServerProxyTest {

    static RedisServer ownerOf(String key) {
        return SERVERS.get(SlotHash.slotOf(key) % SERVERS.size());
    }

    @Test
    void commandsReachTheBackendOfTheirSlot() {
        try (Jedis jedis = proxy.jedis()) {
            assertThat(jedis.set("fw:k1", "v1")).isEqualTo("OK");
            assertThat(jedis.get("fw:k1")).isEqualTo("v1");
            assertThat(jedis.incr("fw:counter")).isEqualTo(1);
            assertThat(jedis.incr("fw:counter")).isEqualTo(2);
            assertThat(jedis.hset("fw:h", "f", "x")).isEqualTo(1);
            assertThat(jedis.hgetAll("fw:h")).isEqualTo(Map.of("f", "x"));
            assertThat(jedis.lpush("fw:l", "a", "b")).isEqualTo(2);
            assertThat(jedis.lrange("fw:l", 0, -1)).containsExactly("b", "a");
        }
        try (Jedis direct = new Jedis("127.0.0.1", ownerOf("fw:k1").port())) {
            assertThat(direct.get("fw:k1")).isEqualTo("v1");
        }
    }

    @Test
    void backendErrorsPassUnchanged() {
        try (RawClient raw = proxy.raw()) {
            assertThat(raw.call("SET", "fw:str", "x")).isEqualTo("+OK\r\n");
            assertThat(raw.call("LPUSH", "fw:str", "y"))
                    .isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
            assertThat(raw.call("GET", "fw:missing")).isEqualTo("$-1\r\n");
        }
    }

    @Test
    void aReplyNestedThousandsDeepIsRelayedAsRedisSentItAndTheSharedConnectionStays() {
        String script = "local a={}; local b={a}; a[1]=b; return a";
        String direct;
        try (RawClient redis = new RawClient(SERVERS.get(0).port())) {
            direct = redis.call("EVAL", script, "0");
        }
        assertThat(direct).startsWith("*1\r\n*1\r\n").endsWith("-ERR reached lua stack limit\r\n");
        try (RawClient raw = proxy.raw(); RawClient other = proxy.raw()) {
            assertThat(other.call("SET", "fw:nested-other", "x")).isEqualTo("+OK\r\n");
            raw.sendBytes(RawClient.encode("EVAL", script, "0"));
            other.sendBytes(RawClient.encode("GET", "fw:nested-other"));
            assertThat(raw.readReply()).isEqualTo(direct);
            assertThat(other.readReply()).isEqualTo("$1\r\nx\r\n");
            assertThat(raw.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void inlineCommandsWork() {
        try (RawClient raw = proxy.raw()) {
            raw.send("set  fw:inline   v1\r\n\r\nget fw:inline\r\n");
            assertThat(raw.readReply()).isEqualTo("+OK\r\n");
            assertThat(raw.readReply()).isEqualTo("$2\r\nv1\r\n");
        }
    }

    @Test
    void aLongPipelineOverFourBackendsKeepsItsOrderWhileOneBackendIsSlow() {
        int n = 10_000;
        try (Jedis jedis = proxy.jedis()) {
            for (int i = 0; i < 64; i++) {
                jedis.set("pipe:" + i, Integer.toString(i));
            }
        }
        // backend 1 stalls every command for 300 ms: its replies arrive after the other backends' ones
        try (Jedis direct = new Jedis("127.0.0.1", SERVERS.get(1).port())) {
            direct.clientPause(300);
        }
        try (Jedis jedis = proxy.jedis()) {
            Pipeline pipeline = jedis.pipelined();
            List<Response<String>> replies = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                replies.add(pipeline.get("pipe:" + (i % 64)));
            }
            pipeline.sync();
            for (int i = 0; i < n; i++) {
                assertThat(replies.get(i).get()).isEqualTo(Integer.toString(i % 64));
            }
        }
    }

    @Test
    void manyBusyClientsGetTheirOwnRepliesAndALoneClientIsAnsweredAfterwards() {
        int clients = 64;
        int rounds = 100;
        List<RawClient> raws = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                raws.add(proxy.raw());
            }
            // every client sends, then every client reads: the loop serves 64 sessions at once, so it is busy
            for (int i = 0; i < rounds; i++) {
                for (int c = 0; c < clients; c++) {
                    String key = "busy:" + c;
                    raws.get(c).sendBytes(RawClient.encode("SET", key, key + ":" + i));
                }
                for (int c = 0; c < clients; c++) {
                    assertThat(raws.get(c).readReply()).isEqualTo("+OK\r\n");
                }
                for (int c = 0; c < clients; c++) {
                    raws.get(c).sendBytes(RawClient.encode("GET", "busy:" + c));
                }
                for (int c = 0; c < clients; c++) {
                    String value = "busy:" + c + ":" + i;
                    assertThat(raws.get(c).readReply()).isEqualTo("$" + value.length() + "\r\n" + value + "\r\n");
                }
            }
        } finally {
            raws.forEach(RawClient::close);
        }
        try (Jedis jedis = proxy.jedis()) {
            for (int i = 0; i < 21; i++) {
                assertThat(jedis.get("busy:" + i)).isEqualTo("busy:" + i + ":" + (rounds - 1));
            }
        }
    }
}
