package io.codis.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.Await;
import io.codis.common.testkit.RedisServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * SCAN, DBSIZE, RANDOMKEY and KEYS over the four servers' keys: a full SCAN returns every key present
 * throughout while keys come and go, MATCH, COUNT and TYPE as Redis has them, Redis' error for a bad
 * cursor, sums and random keys from every server, in the session's DB; KEYS refused unless
 * {@code proxy_allow_keys = true}.
 */
class WholeKeyspaceTest extends FourServerProxyTest {

    @BeforeEach
    void flush() {
        for (RedisServer server : SERVERS) {
            try (Jedis direct = new Jedis("127.0.0.1", server.port())) {
                direct.flushAll();
            }
        }
    }

    private static void write(Jedis jedis, String prefix, int count) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            args.add(prefix + i);
            args.add("v");
        }
        jedis.mset(args.toArray(String[]::new));
    }

    private static Set<String> names(String prefix, int count) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    /** Every key a full iteration returns, in how many calls. */
    private record Iteration(Set<String> keys, int calls) {
    }

    private static Iteration scanAll(Jedis jedis, ScanParams params, String type) {
        Set<String> keys = new HashSet<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        int calls = 0;
        do {
            ScanResult<String> page = type == null ? jedis.scan(cursor, params) : jedis.scan(cursor, params, type);
            keys.addAll(page.getResult());
            cursor = page.getCursor();
            calls++;
        } while (!cursor.equals("0") && calls < 100_000);
        return new Iteration(keys, calls);
    }

    @Test
    void aFullScanReturnsEveryKeyPresentThroughoutWhileKeysAreAddedAndRemoved() {
        try (Jedis jedis = proxy.jedis(); Jedis writer = proxy.jedis()) {
            write(jedis, "stay:", 2000);
            write(jedis, "gone:", 400);
            Set<String> keys = new HashSet<>();
            Set<String> groupsSeen = new HashSet<>();
            String cursor = ScanParams.SCAN_POINTER_START;
            int step = 0;
            do {
                ScanResult<String> page = jedis.scan(cursor, new ScanParams().count(50));
                keys.addAll(page.getResult());
                cursor = page.getCursor();
                groupsSeen.add(Long.toUnsignedString(Long.parseUnsignedLong(cursor) & 1023));
                if (step < 400) {
                    writer.del("gone:" + step);
                    writer.set("new:" + step, "v");
                }
                step++;
            } while (!cursor.equals("0"));

            assertThat(keys).containsAll(names("stay:", 2000));
            Set<String> everPresent = new HashSet<>(names("stay:", 2000));
            everPresent.addAll(names("gone:", 400));
            everPresent.addAll(names("new:", 400));
            assertThat(everPresent).containsAll(keys);
            assertThat(groupsSeen).as("the cursor walks the four groups").containsExactlyInAnyOrder("0", "1", "2", "3");
        }
    }

    @Test
    void matchCountAndTypeAreEachServersOwn() {
        try (Jedis jedis = proxy.jedis()) {
            write(jedis, "str:", 300);
            for (int i = 0; i < 50; i++) {
                jedis.hset("hash:" + i, "f", "v");
            }

            assertThat(scanAll(jedis, new ScanParams().match("str:1*"), null).keys())
                    .isEqualTo(names("str:", 300).stream().filter(k -> k.startsWith("str:1")).collect(java.util.stream.Collectors.toSet()));
            assertThat(scanAll(jedis, new ScanParams(), "hash").keys()).isEqualTo(names("hash:", 50));
            Iteration small = scanAll(jedis, new ScanParams().count(5), null);
            Iteration large = scanAll(jedis, new ScanParams().count(1000), null);
            assertThat(small.keys()).hasSize(350).isEqualTo(large.keys());
            assertThat(large.calls()).as("one call a server").isEqualTo(4);
            assertThat(small.calls()).isGreaterThan(20);
        }
    }

    @Test
    void aCursorThatIsNotOneOfTheProxysGetsRedisError() {
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("SCAN", "abc")).isEqualTo("-ERR invalid cursor\r\n");
            assertThat(c.call("SCAN", "-1")).isEqualTo("-ERR invalid cursor\r\n");
            assertThat(c.call("SCAN", "99999999999999999999")).isEqualTo("-ERR invalid cursor\r\n");
            assertThat(c.call("SCAN", "4")).as("group 4 of 4").isEqualTo("-ERR invalid cursor\r\n");
            assertThat(c.call("SCAN", "3")).as("the last group from its start").isEqualTo("*2\r\n$1\r\n0\r\n*0\r\n");
            assertThat(c.call("SCAN")).isEqualTo("-ERR wrong number of arguments for 'scan' command\r\n");
            assertThat(c.call("SCAN", "0", "COUNT", "0")).isEqualTo("-ERR syntax error\r\n");
        }
    }

    @Test
    void dbsizeIsTheSumOverTheServersInTheSessionsDb() {
        try (Jedis jedis = proxy.jedis()) {
            assertThat(jedis.dbSize()).isZero();
            write(jedis, "k:", 500);
            jedis.select(1);
            write(jedis, "db1:", 7);
            assertThat(jedis.dbSize()).isEqualTo(7);
            assertThat(scanAll(jedis, new ScanParams(), null).keys()).isEqualTo(names("db1:", 7));
            jedis.select(0);
            assertThat(jedis.dbSize()).isEqualTo(500);
        }
        long sum = 0;
        for (RedisServer server : SERVERS) {
            try (Jedis direct = new Jedis("127.0.0.1", server.port())) {
                assertThat(direct.dbSize()).as("keys on " + server.addr()).isPositive();
                sum += direct.dbSize();
            }
        }
        assertThat(sum).isEqualTo(500);
    }

    @Test
    void randomkeyIsAnExistingKeyOfAnyServerOrNilWhenAllAreEmpty() {
        try (Jedis jedis = proxy.jedis(); RawClient c = proxy.raw()) {
            assertThat(c.call("RANDOMKEY")).isEqualTo("$-1\r\n");
            jedis.set("only", "v");
            assertThat(c.call("RANDOMKEY")).isEqualTo("$4\r\nonly\r\n");
            write(jedis, "r:", 200);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                String key = jedis.randomKey();
                assertThat(jedis.exists(key)).as(key).isTrue();
                seen.add(ForwardingTest.ownerOf(key).addr());
            }
            assertThat(seen).as("keys from several servers").hasSizeGreaterThan(1);
            assertThat(c.call("RANDOMKEY", "x")).isEqualTo("-ERR wrong number of arguments for 'randomkey' command\r\n");
        }
    }

    @Test
    void aGroupThatCannotBeReachedFailsTheReadWithoutHangingTheSession() {
        List<String> addrs = new ArrayList<>(SERVERS.stream().map(RedisServer::addr).toList());
        addrs.add("127.0.0.1:" + io.codis.common.testkit.FreePorts.next()); // nothing listens there
        try (ProxyFixture withDeadGroup = ProxyFixture.start("", 1).fillSpread(addrs).online(); RawClient c = withDeadGroup.raw()) {
            assertThat(c.call("DBSIZE")).startsWith("-ERR handle response, backend conn");
            assertThat(c.call("RANDOMKEY")).startsWith("-ERR handle response, backend conn");
            int dead = addrs.stream().sorted().toList().indexOf(addrs.get(4));
            int live = dead == 0 ? 1 : 0;
            assertThat(c.call("SCAN", Integer.toString(live))).as("a live group")
                    .isEqualTo("*2\r\n$1\r\n" + (live + 1) + "\r\n*0\r\n");
            assertThat(c.call("SCAN", Integer.toString(dead))).startsWith("-ERR handle response, backend conn");
            assertThat(c.call("PING", SERVERS.get(0).addr())).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void keysIsRefusedAsTheOriginalUnlessProxyAllowKeys() {
        try (Jedis jedis = proxy.jedis(); RawClient c = proxy.raw()) {
            write(jedis, "key:", 100);
            assertThat(c.call("KEYS", "*")).isEqualTo("-ERR handle request, command 'KEYS' is not allowed\r\n");
        }
        try (ProxyFixture allowing = ProxyFixture.start("proxy_allow_keys = true", 1)
                .fillSpread(SERVERS.stream().map(RedisServer::addr).toList()).online();
                Jedis jedis = allowing.jedis(); RawClient c = allowing.raw()) {
            assertThat(jedis.keys("*")).isEqualTo(names("key:", 100));
            assertThat(jedis.keys("key:1?")).isEqualTo(Set.of("key:10", "key:11", "key:12", "key:13", "key:14",
                    "key:15", "key:16", "key:17", "key:18", "key:19"));
            assertThat(c.call("KEYS", "nothing*")).isEqualTo("*0\r\n");
            assertThat(c.call("KEYS")).isEqualTo("-ERR wrong number of arguments for 'keys' command\r\n");
        }
    }

    private static long keysOnTheServers(int db) {
        long keys = 0;
        for (RedisServer server : SERVERS) {
            try (Jedis direct = new Jedis("127.0.0.1", server.port())) {
                direct.select(db);
                keys += direct.dbSize();
            }
        }
        return keys;
    }

    @Test
    void flushIsRefusedAsTheOriginalUnlessProxyAllowFlush() {
        try (Jedis jedis = proxy.jedis(); RawClient c = proxy.raw()) {
            write(jedis, "kept:", 40);
            for (String[] flush : List.of(new String[] {"FLUSHDB"}, new String[] {"FLUSHALL"},
                    new String[] {"flushall", "ASYNC"}, new String[] {"FLUSHDB", "SYNC"})) {
                assertThat(c.call(flush)).as(String.join(" ", flush))
                        .isEqualTo("-ERR handle request, command '" + flush[0].toUpperCase(java.util.Locale.ROOT) + "' is not allowed\r\n");
            }
            assertThat(keysOnTheServers(0)).isEqualTo(40);
        }
    }

    @Test
    void flushWithProxyAllowFlushEmptiesEveryGroupOnce() {
        try (ProxyFixture allowing = ProxyFixture.start("proxy_allow_flush = true", 1)
                .fillSpread(SERVERS.stream().map(RedisServer::addr).toList()).online();
                Jedis jedis = allowing.jedis(); RawClient c = allowing.raw(); RawClient plain = new RawClient(SERVERS.get(0).port())) {
            write(jedis, "db0:", 40);
            jedis.select(2);
            write(jedis, "db2:", 40);
            assertThat(keysOnTheServers(2)).isEqualTo(40);
            assertThat(jedis.flushDB()).isEqualTo("OK");
            assertThat(keysOnTheServers(2)).isZero();
            assertThat(keysOnTheServers(0)).as("FLUSHDB empties the session's DB only").isEqualTo(40);
            assertThat(c.call("FLUSHDB", "bogus")).isEqualTo(plain.call("FLUSHDB", "bogus")).isEqualTo("-ERR syntax error\r\n");
            assertThat(keysOnTheServers(0)).isEqualTo(40);
            write(jedis, "db2:", 10);
            assertThat(c.call("FLUSHALL", "ASYNC")).isEqualTo("+OK\r\n");
            Await.until("every server empty", () -> keysOnTheServers(0) + keysOnTheServers(2), n -> n == 0);
            write(jedis, "again:", 10);
            assertThat(c.call("FLUSHALL", "SYNC")).isEqualTo("+OK\r\n");
            assertThat(keysOnTheServers(0) + keysOnTheServers(2)).isZero();
        }
    }
}
