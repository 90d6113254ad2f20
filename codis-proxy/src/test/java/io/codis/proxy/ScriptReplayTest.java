package io.codis.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.slot.SlotHash;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.RedisServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A script SCRIPT LOADed through the proxy runs by EVALSHA on a group that took slots after the load
 * (the proxy loads what it remembers on a new master, and again on NOSCRIPT), and is forgotten by a
 * SCRIPT FLUSH through the proxy.
 */
class ScriptReplayTest {

    private static final String SCRIPT = "return redis.call('INCR', KEYS[1])";
    private static final String NOSCRIPT = "-NOSCRIPT No matching script. Please use EVAL.\r\n";

    private final List<RedisServer> servers = new ArrayList<>();
    private ProxyFixture proxy;

    @BeforeEach
    void startTwoGroups() {
        for (int i = 0; i < 3; i++) {
            servers.add(RedisServer.start());
        }
        proxy = ProxyFixture.start("", 1).fillSpread(addrs(2)).online();
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        servers.forEach(RedisServer::close);
    }

    private List<String> addrs(int n) {
        return servers.subList(0, n).stream().map(RedisServer::addr).toList();
    }

    /** A key of a slot that {@code fillSpread} over three servers gives to server {@code index}. */
    private static String keyOn(int index, String prefix) {
        for (int i = 0; ; i++) {
            if (SlotHash.slotOf(prefix + i) % 3 == index) {
                return prefix + i;
            }
        }
    }

    private String scriptExists(int server, String sha) {
        try (RawClient direct = new RawClient(servers.get(server).port())) {
            return direct.call("SCRIPT", "EXISTS", sha);
        }
    }

    @Test
    void evalshaRunsOnAGroupThatTookSlotsAfterTheLoad() {
        try (Jedis jedis = proxy.jedis(); RawClient c = proxy.raw()) {
            String sha = jedis.scriptLoad(SCRIPT);
            assertThat(scriptExists(2, sha)).isEqualTo("*1\r\n:0\r\n");
            proxy.fillSpread(addrs(3));
            Await.until("the new master has the script", () -> scriptExists(2, sha), "*1\r\n:1\r\n"::equals);
            for (int server = 0; server < 3; server++) {
                String key = keyOn(server, "replay:");
                assertThat(c.call("EVALSHA", sha, "1", key)).as(key).isEqualTo(":1\r\n");
                assertThat(jedis.evalsha(sha, List.of(key), List.of())).isEqualTo(2L);
            }
        }
    }

    @Test
    void aMasterThatLostTheScriptGetsItAgainOnNoscript() {
        try (Jedis jedis = proxy.jedis(); RawClient c = proxy.raw()) {
            String sha = jedis.scriptLoad(SCRIPT);
            proxy.fillSpread(addrs(3));
            String key = keyOn(2, "lost:");
            Await.until("the new master has the script", () -> scriptExists(2, sha), "*1\r\n:1\r\n"::equals);
            try (RawClient direct = new RawClient(servers.get(2).port())) {
                assertThat(direct.call("SCRIPT", "FLUSH")).isEqualTo("+OK\r\n");
                assertThat(direct.call("EVALSHA", sha, "1", key)).isEqualTo(NOSCRIPT);
            }
            c.send("*1\r\n$4\r\nPING\r\n" + new String(RawClient.encode("EVALSHA", sha.toUpperCase(), "1", key))
                    + new String(RawClient.encode("GET", key)));
            assertThat(c.readReply()).isEqualTo("+PONG\r\n");
            assertThat(c.readReply()).as("one reply, the second run's").isEqualTo(":1\r\n");
            assertThat(c.readReply()).isIn("$1\r\n1\r\n", "$-1\r\n");
            assertThat(scriptExists(2, sha)).isEqualTo("*1\r\n:1\r\n");
            assertThat(c.call("EVALSHA_RO", sha, "1", key)).as("Redis' own refusal of a writing script")
                    .startsWith("-ERR Write commands are not allowed from read-only scripts");
        }
    }

    @Test
    void scriptFlushThroughTheProxyForgetsTheScripts() {
        try (Jedis jedis = proxy.jedis(); RawClient c = proxy.raw(); RawClient plain = new RawClient(servers.get(2).port())) {
            String sha = jedis.scriptLoad(SCRIPT);
            assertThat(jedis.scriptFlush()).isEqualTo("OK");
            proxy.fillSpread(addrs(3));
            for (int server = 0; server < 3; server++) {
                assertThat(c.call("EVALSHA", sha, "1", keyOn(server, "flushed:"))).isEqualTo(NOSCRIPT);
            }
            assertThat(scriptExists(2, sha)).isEqualTo("*1\r\n:0\r\n");
            String unknown = "ffffffffffffffffffffffffffffffffffffffff";
            assertThat(c.call("EVALSHA", unknown, "0")).isEqualTo(plain.call("EVALSHA", unknown, "0")).isEqualTo(NOSCRIPT);
        }
    }
}
