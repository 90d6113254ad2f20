package io.codis.proxy;

import static io.codis.proxy.MultiKeyTest.keysOnAllBackends;
import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.RedisServer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** SCRIPT and FUNCTION through the proxy reach the master of every group: EVALSHA and FCALL then work on any key. */
class ScriptsEverywhereTest extends FourServerProxyTest {

    private static final String SCRIPT = "return redis.call('INCR', KEYS[1])";
    private static final String MISSING_SHA = "5f1de4fdd56b1ac1b5f18eb3bb8e5f3ebe1b2a4a";
    private static final String LIBRARY = "#!lua name=everywhere\n"
            + "redis.register_function('ew_incr', function(keys, args) return redis.call('INCR', keys[1]) end)";

    @BeforeEach
    void flushScriptsAndFunctionsOnEveryServer() {
        for (RedisServer server : SERVERS) {
            try (RawClient direct = new RawClient(server.port())) {
                assertThat(direct.call("SCRIPT", "FLUSH")).isEqualTo("+OK\r\n");
                assertThat(direct.call("FUNCTION", "FLUSH")).isEqualTo("+OK\r\n");
            }
        }
    }

    @Test
    void aScriptLoadedThroughTheProxyRunsByShaOnKeysOfEveryGroup() {
        List<String> keys = keysOnAllBackends("se:script:", 8);
        try (RawClient c = proxy.raw()) {
            String sha = c.call("SCRIPT", "LOAD", SCRIPT);
            assertThat(sha).matches("\\$40\r\n[0-9a-f]{40}\r\n");
            String hex = sha.substring(5, 45);
            for (RedisServer server : SERVERS) {
                try (RawClient direct = new RawClient(server.port())) {
                    assertThat(direct.call("SCRIPT", "EXISTS", hex)).as(server.addr()).isEqualTo("*1\r\n:1\r\n");
                }
            }
            for (String key : keys) {
                assertThat(c.call("EVALSHA", hex, "1", key)).as(key).isEqualTo(":1\r\n");
            }
            assertThat(c.call("SCRIPT", "EXISTS", hex, MISSING_SHA)).isEqualTo("*2\r\n:1\r\n:0\r\n");
        }
    }

    @Test
    void scriptExistsSaysOneOnlyWhereEveryMasterHasTheScript() {
        String hex;
        try (RawClient direct = new RawClient(SERVERS.get(2).port())) {
            String sha = direct.call("SCRIPT", "LOAD", SCRIPT);
            hex = sha.substring(5, 45);
        }
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("SCRIPT", "EXISTS", hex)).isEqualTo("*1\r\n:0\r\n");
            assertThat(c.call("SCRIPT", "LOAD", SCRIPT)).isEqualTo("$40\r\n" + hex + "\r\n");
            assertThat(c.call("SCRIPT", "EXISTS", hex)).isEqualTo("*1\r\n:1\r\n");
            assertThat(c.call("SCRIPT", "FLUSH")).isEqualTo("+OK\r\n");
            assertThat(c.call("SCRIPT", "EXISTS", hex)).isEqualTo("*1\r\n:0\r\n");
            for (RedisServer server : SERVERS) {
                try (RawClient direct = new RawClient(server.port())) {
                    assertThat(direct.call("SCRIPT", "EXISTS", hex)).as(server.addr()).isEqualTo("*1\r\n:0\r\n");
                }
            }
        }
    }

    @Test
    void aFunctionLoadedThroughTheProxyIsCalledOnKeysOfEveryGroupUntilDeleted() {
        List<String> keys = keysOnAllBackends("se:fn:", 8);
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("FUNCTION", "LOAD", LIBRARY)).isEqualTo("$10\r\neverywhere\r\n");
            for (String key : keys) {
                assertThat(c.call("FCALL", "ew_incr", "1", key)).as(key).isEqualTo(":1\r\n");
            }
            assertThat(c.call("FUNCTION", "LIST")).contains("everywhere").contains("ew_incr");
            String dump = c.call("FUNCTION", "DUMP");
            assertThat(dump).startsWith("$");
            assertThat(c.call("FUNCTION", "DELETE", "everywhere")).isEqualTo("+OK\r\n");
            for (String key : keys) {
                assertThat(c.call("FCALL", "ew_incr", "1", key)).as(key).isEqualTo("-ERR Function not found\r\n");
            }
            assertThat(c.call("FUNCTION", "LIST")).isEqualTo("*0\r\n");
        }
    }

    @Test
    void functionRestoreAndFlushReachEveryMaster() {
        byte[] dump;
        try (Jedis direct = new Jedis("127.0.0.1", SERVERS.get(1).port())) {
            assertThat(direct.functionLoad(LIBRARY)).isEqualTo("everywhere");
            dump = direct.functionDump();
            assertThat(direct.functionFlush()).isEqualTo("OK");
        }
        try (Jedis jedis = proxy.jedis(); RawClient c = proxy.raw()) {
            assertThat(jedis.functionRestore(dump)).isEqualTo("OK");
            for (String key : keysOnAllBackends("se:restored:", 8)) {
                assertThat(c.call("FCALL", "ew_incr", "1", key)).as(key).isEqualTo(":1\r\n");
            }
            assertThat(jedis.functionDump()).isEqualTo(dump);
            assertThat(c.call("FUNCTION", "FLUSH")).isEqualTo("+OK\r\n");
            for (RedisServer server : SERVERS) {
                try (RawClient direct = new RawClient(server.port())) {
                    assertThat(direct.call("FUNCTION", "LIST")).as(server.addr()).isEqualTo("*0\r\n");
                }
            }
        }
    }

    @Test
    void anErrorOfEveryMasterComesBackOnceAsRedisGivesIt() {
        try (RawClient c = proxy.raw(); RawClient direct = new RawClient(SERVERS.get(0).port())) {
            for (String[] bad : List.of(
                    new String[] {"SCRIPT", "LOAD", "return +"},
                    new String[] {"FUNCTION", "LOAD", "return 1"},
                    new String[] {"FUNCTION", "DELETE", "nosuchlib"},
                    new String[] {"SCRIPT", "EXISTS"})) {
                String expected = direct.call(bad);
                assertThat(expected).startsWith("-");
                assertThat(c.call(bad)).isEqualTo(expected);
            }
            assertThat(c.call("PING")).as("one reply per request").isEqualTo("+PONG\r\n");
            assertThat(c.call("FUNCTION", "LOAD", LIBRARY)).isEqualTo("$10\r\neverywhere\r\n");
            assertThat(c.call("FUNCTION", "LOAD", LIBRARY)).isEqualTo("-ERR Library 'everywhere' already exists\r\n");
            assertThat(c.call("SCRIPT", "KILL")).isEqualTo("-ERR handle request, command 'SCRIPT KILL' is not allowed\r\n");
            assertThat(c.call("FUNCTION")).isEqualTo("-ERR handle request, command 'FUNCTION' is not allowed\r\n");
        }
    }
}
