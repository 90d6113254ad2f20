package io.codis.proxy;

import static io.codis.proxy.MultiKeyTest.keysOnAllBackends;
import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.RedisServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * CONFIG GET and INFO through the proxy as an application reads them: the masters' settings with the
 * proxy's own where it has them, the keyspace summed over the four servers; the original's refusal of
 * every other CONFIG subcommand, and INFO of a named backend as the original forwards it.
 */
class ServerSettingsTest extends FourServerProxyTest {

    private static final String CONFIG_REFUSED = "-ERR handle request, command 'CONFIG' is not allowed\r\n";

    @BeforeEach
    void flush() {
        for (RedisServer server : SERVERS) {
            try (Jedis direct = new Jedis("127.0.0.1", server.port())) {
                direct.flushAll();
                direct.configSet("maxmemory", "0");
            }
        }
    }

    @Test
    void configGetAnswersAsRedisForSettingsEveryMasterShares() {
        try (Jedis jedis = proxy.jedis(); Jedis direct = new Jedis("127.0.0.1", SERVERS.get(0).port())) {
            for (String pattern : List.of("maxmemory-policy", "appendonly", "save", "hash-max-*", "notify-keyspace-events")) {
                assertThat(jedis.configGet(pattern)).as(pattern).isEqualTo(direct.configGet(pattern)).isNotEmpty();
            }
            assertThat(jedis.configGet("no-such-setting")).isEmpty();
        }
        try (RawClient c = proxy.raw(); RawClient direct = new RawClient(SERVERS.get(0).port())) {
            assertThat(c.call("CONFIG", "GET", "maxmemory-policy")).isEqualTo(direct.call("CONFIG", "GET", "maxmemory-policy"))
                    .isEqualTo("*2\r\n$16\r\nmaxmemory-policy\r\n$10\r\nnoeviction\r\n");
            assertThat(c.call("CONFIG", "GET")).isEqualTo(direct.call("CONFIG", "GET"));
            assertThat(c.call("config", "get", "lfu-log-factor")).isEqualTo(direct.call("config", "get", "lfu-log-factor"));
            assertThat(c.call("PING")).as("one reply per request").isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void configGetMaxmemoryIsTheMastersSumAndNoLimitWhenOneHasNone() {
        try (RawClient c = proxy.raw()) {
            for (RedisServer server : SERVERS) {
                try (Jedis direct = new Jedis("127.0.0.1", server.port())) {
                    direct.configSet("maxmemory", "10mb");
                }
            }
            assertThat(c.call("CONFIG", "GET", "maxmemory")).isEqualTo("*2\r\n$9\r\nmaxmemory\r\n$8\r\n41943040\r\n");
            try (Jedis direct = new Jedis("127.0.0.1", SERVERS.get(2).port())) {
                direct.configSet("maxmemory", "0");
            }
            assertThat(c.call("CONFIG", "GET", "maxmemory")).isEqualTo("*2\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n");
        }
    }

    @Test
    void configGetGivesTheProxysOwnSettingsAndNeverTheBackendPassword() {
        try (ProxyFixture own = ProxyFixture.start("backend_number_databases = 4\nproxy_max_clients = 77\n"
                        + "session_recv_timeout = \"90s\"\n", 1)
                .fillSpread(SERVERS.stream().map(RedisServer::addr).toList()).online();
                Jedis jedis = own.jedis(); RawClient c = own.raw()) {
            assertThat(c.call("CONFIG", "GET", "databases")).isEqualTo("*2\r\n$9\r\ndatabases\r\n$1\r\n4\r\n");
            Map<String, String> settings = jedis.configGet("*");
            assertThat(settings).containsEntry("databases", "4").containsEntry("maxclients", "77")
                    .containsEntry("timeout", "90").containsEntry("maxmemory-policy", "noeviction")
                    .doesNotContainKeys("requirepass", "masterauth", "masteruser");
            try (Jedis direct = new Jedis("127.0.0.1", SERVERS.get(0).port())) {
                assertThat(direct.configGet("*")).containsKey("requirepass").hasSize(settings.size() + 3);
            }
            assertThat(c.call("CONFIG", "GET", "*pass*")).doesNotContain("requirepass").doesNotContain("masterauth");
        }
    }

    @Test
    void everyOtherConfigSubcommandGetsTheOriginalsRefusal() {
        try (RawClient c = proxy.raw()) {
            for (String[] refused : List.of(new String[] {"CONFIG"}, new String[] {"CONFIG", "SET", "maxmemory", "1"},
                    new String[] {"config", "set", "maxmemory", "1"}, new String[] {"CONFIG", "REWRITE"},
                    new String[] {"CONFIG", "RESETSTAT"}, new String[] {"CONFIG", "HELP"})) {
                assertThat(c.call(refused)).as(String.join(" ", refused)).isEqualTo(CONFIG_REFUSED);
            }
        }
        try (ProxyFixture guarded = ProxyFixture.start("session_auth = \"secret\"\n", 1)
                .fillSpread(SERVERS.stream().map(RedisServer::addr).toList()).online(); RawClient c = guarded.raw()) {
            assertThat(c.call("CONFIG", "SET", "maxmemory", "1")).as("before AUTH, as the original").isEqualTo(CONFIG_REFUSED);
            assertThat(c.call("CONFIG", "GET", "maxmemory")).isEqualTo("-NOAUTH Authentication required\r\n");
        }
    }

    @Test
    void infoKeyspaceIsSummedOverTheMasters() {
        List<String> keys = keysOnAllBackends("info:", 40);
        try (Jedis jedis = proxy.jedis()) {
            for (int i = 0; i < keys.size(); i++) {
                if (i % 4 == 0) {
                    jedis.setex(keys.get(i), 1000, "v");
                } else {
                    jedis.set(keys.get(i), "v");
                }
            }
            jedis.select(3);
            jedis.set("info:db3", "v");
            jedis.select(0);
            String keyspace = jedis.info("keyspace");
            assertThat(keyspace).startsWith("# Keyspace\r\n").contains("db0:keys=40,expires=10,avg_ttl=")
                    .contains("db3:keys=1,expires=0,avg_ttl=0\r\n").doesNotContain("# Codis");
            long avgTtl = Long.parseLong(keyspace.replaceAll("(?s).*db0:keys=40,expires=10,avg_ttl=(\\d+).*", "$1"));
            assertThat(avgTtl).as("Redis estimates it, 0 until sampled").isBetween(0L, 1_000_000L);
            String all = jedis.info();
            assertThat(all).contains("# Server\r\nredis_version:7.").contains("db0:keys=40,expires=10")
                    .contains("# Codis\r\nmasters:4\r\n");
            for (String master : proxy.plane.router().masters()) {
                assertThat(all).containsPattern("master_\\d:addr=" + master + ",keys=\\d+\r\n");
            }
        }
    }

    @Test
    void infoOfANamedBackendIsThatBackendsAsInTheOriginal() {
        try (RawClient c = proxy.raw(); RawClient direct = new RawClient(SERVERS.get(0).port())) {
            assertThat(c.call("INFO", "nosuchsection")).isEqualTo(direct.call("INFO", "nosuchsection")).isEqualTo("$0\r\n\r\n");
            assertThat(c.call("INFO", "keyspace")).isEqualTo(direct.call("INFO", "keyspace")).isEqualTo("$12\r\n# Keyspace\r\n\r\n");
        }
        try (Jedis jedis = proxy.jedis(); RawClient c = proxy.raw()) {
            jedis.set("named", "v");
            String addr = SERVERS.stream().filter(s -> {
                try (Jedis direct = new Jedis("127.0.0.1", s.port())) {
                    return direct.exists("named");
                }
            }).findFirst().orElseThrow().addr();
            assertThat(c.call("INFO", addr, "keyspace")).isEqualTo("$44\r\n# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n\r\n");
            assertThat(c.call("INFO", "nowhere:1")).isEqualTo("-ERR backend server 'nowhere:1' not found\r\n");
        }
    }
}
