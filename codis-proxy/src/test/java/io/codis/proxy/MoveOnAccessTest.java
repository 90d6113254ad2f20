package io.codis.proxy;

import static io.codis.common.testkit.SlotKeys.keyIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.model.Slot;
import io.codis.common.slot.SlotHash;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.RedisServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Move-on-access (migration-and-ha.md "Guarantee 1" and "4"): a request on a slot with
 * {@code migrate_from} finds every key it names on the target, moved there from the source first, and
 * is not executed when that move fails. Every slot is on {@link #source} but those a test makes migrate
 * to {@link #target}.
 */
class MoveOnAccessTest {

    private static final String BUSYKEY = "-ERR handle request, bad slotsmgrt resp: "
            + "ERR Target instance replied with error: BUSYKEY Target key name already exists.\r\n";

    static ProxyFixture proxy;
    static RedisServer source;
    static RedisServer target;
    /** Clients of the source and the target themselves, in DB 0 between tests. */
    static Jedis s;
    static Jedis t;

    @BeforeAll
    static void start() {
        source = RedisServer.start();
        s = direct(source);
        target = RedisServer.start();
        t = direct(target);
        proxy = ProxyFixture.start("proxy_max_owned_conns = 2").fillSpread(List.of(source.addr())).online();
    }

    @AfterAll
    static void stop() {
        proxy.close();
        s.close();
        t.close();
        source.close();
        target.close();
    }

    /** Slot {@code sid} migrates from {@link #source} to {@link #target}. */
    static void migrate(int sid) {
        migrate(proxy, sid, source.addr(), target.addr());
    }

    /** Slot {@code sid} migrates from {@code from} to {@code to}. */
    static void migrate(ProxyFixture proxy, int sid, String from, String to) {
        proxy.plane.router().fillSlots(List.of(new Slot(sid, false, to, 2, from, 1, Slot.FORWARD_SYNC, List.of())));
    }

    /** A key in slot {@code sid}: {@code {k}name}. */
    static String tagged(int sid, String name) {
        return "{" + keyIn(sid) + "}" + name;
    }

    static Jedis direct(RedisServer server) {
        Jedis jedis = new Jedis("127.0.0.1", server.port(), 20_000);
        if (server.password() != null) {
            jedis.auth(server.password());
        }
        return jedis;
    }

    @Test
    void aReadMovesTheKeyWithItsTtlAndBytes() {
        migrate(10);
        String key = tagged(10, "read");
        try (Jedis c = proxy.jedis()) {
            s.psetex(key, 100_000, "on-source");
            byte[] dumped = s.dump(key);

            assertThat(c.get(key)).isEqualTo("on-source");
            assertThat(s.exists(key)).isFalse();
            assertThat(t.dump(key)).isEqualTo(dumped);
            assertThat(t.pttl(key)).isBetween(90_000L, 100_000L);
        }
    }

    @Test
    void aWriteLandsOnTheTargetAfterTheSourceCopy() {
        migrate(11);
        String list = tagged(11, "list");
        String text = tagged(11, "text");
        try (Jedis c = proxy.jedis()) {
            s.rpush(list, "a", "b");
            s.set(text, "old");

            assertThat(c.rpush(list, "c")).isEqualTo(3);
            assertThat(c.append(text, "+new")).isEqualTo(7);
            assertThat(t.lrange(list, 0, -1)).containsExactly("a", "b", "c");
            assertThat(t.get(text)).isEqualTo("old+new");
            assertThat(s.exists(list, text)).isZero();
            assertThat(c.get(text)).isEqualTo("old+new");
        }
    }

    @Test
    void multiKeyCommandsOfOneTagSeeAllTheirKeys() {
        migrate(12);
        String a = tagged(12, "a");
        String b = tagged(12, "b");
        String dest = tagged(12, "dest");
        try (Jedis c = proxy.jedis(); RawClient raw = proxy.raw()) {
            s.sadd(a, "1", "2", "3");
            s.sadd(b, "2", "3", "4");
            s.set(tagged(12, "x"), "X");
            s.set(tagged(12, "y"), "Y");
            s.rpush(tagged(12, "from"), "p", "q");

            assertThat(c.sinterstore(dest, a, b)).isEqualTo(2);
            assertThat(t.smembers(dest)).containsExactlyInAnyOrder("2", "3");
            assertThat(t.exists(a, b)).isEqualTo(2);
            assertThat(c.eval("return redis.call('get', KEYS[1]) .. redis.call('get', KEYS[2])", 2,
                    tagged(12, "x"), tagged(12, "y"))).isEqualTo("XY");
            assertThat(raw.call("LMOVE", tagged(12, "from"), tagged(12, "to"), "LEFT", "RIGHT")).isEqualTo("$1\r\np\r\n");
            assertThat(t.lrange(tagged(12, "to"), 0, -1)).containsExactly("p");
            assertThat(t.lrange(tagged(12, "from"), 0, -1)).containsExactly("q");
            assertThat(s.keys("*").stream().filter(k -> SlotHash.slotOf(k) == 12)).isEmpty();
        }
    }

    @Test
    void commandsOfOneSlotBeyondTheOriginalMoveEveryKeyTheyNameDestinationsToo() {
        migrate(16);
        String[] k = new String[12];
        for (int i = 0; i < k.length; i++) {
            k[i] = tagged(16, "k" + i);
        }
        try (RawClient raw = proxy.raw()) {
            s.set(k[0], "renamed");
            s.set(k[1], "old-destination");
            s.set(k[2], "copied");
            s.set(k[3], "old-copy");
            s.set(k[4], "ab");
            s.set(k[5], "cd");
            s.set(k[6], "old-bitop");
            s.set(k[7], "taken");
            s.rpush(k[8], "3", "1", "2");
            s.set(k[9], "old-sort");
            s.zadd(k[10], 1, "m");
            s.zadd(k[11], 2, "m");

            assertThat(raw.call("RENAME", k[0], k[1])).isEqualTo("+OK\r\n");
            assertThat(raw.call("COPY", k[2], k[3], "REPLACE")).isEqualTo(":1\r\n");
            assertThat(raw.call("BITOP", "OR", k[6], k[4], k[5])).isEqualTo(":2\r\n");
            assertThat(raw.call("MSETNX", tagged(16, "fresh"), "x", k[7], "y")).isEqualTo(":0\r\n");
            assertThat(raw.call("SORT", k[8], "STORE", k[9])).isEqualTo(":3\r\n");
            assertThat(raw.call("ZINTERCARD", "2", k[10], k[11])).isEqualTo(":1\r\n");

            assertThat(t.get(k[1])).isEqualTo("renamed");
            assertThat(t.get(k[3])).isEqualTo("copied");
            assertThat(t.get(k[2])).isEqualTo("copied");
            assertThat(t.get(k[6])).isEqualTo("cf"); // a OR c, b OR d
            assertThat(t.get(k[7])).isEqualTo("taken");
            assertThat(t.exists(tagged(16, "fresh"))).isFalse();
            assertThat(t.lrange(k[9], 0, -1)).containsExactly("1", "2", "3");
            assertThat(t.zcard(k[10]) + t.zcard(k[11])).isEqualTo(2);
            assertThat(s.keys("*").stream().filter(key -> SlotHash.slotOf(key) == 16)).isEmpty();
        }
    }

    @Test
    void splitCommandsMoveTheKeysOfTheirMigratingSlots() {
        migrate(13);
        migrate(14);
        String m1 = tagged(13, "m");
        String m2 = tagged(14, "m");
        String m3 = tagged(14, "n");
        String plain = tagged(15, "p");
        try (Jedis c = proxy.jedis()) {
            s.set(m1, "1");
            s.set(m2, "2");
            s.set(m3, "3");
            s.set(plain, "4");

            assertThat(c.mget(m1, plain, m2, m3, m1)).containsExactly("1", "4", "2", "3", "1");
            assertThat(t.mget(m1, m2, m3)).containsExactly("1", "2", "3");
            assertThat(s.exists(m1, m2, m3)).isZero();
            assertThat(s.get(plain)).as("a key of a slot not migrating stays").isEqualTo("4");

            s.set(tagged(13, "w"), "old");
            assertThat(c.mset(tagged(13, "w"), "new", plain, "5", tagged(14, "w"), "x")).isEqualTo("OK");
            assertThat(t.mget(tagged(13, "w"), tagged(14, "w"))).containsExactly("new", "x");
            assertThat(s.exists(tagged(13, "w"))).isFalse();
            assertThat(s.get(plain)).isEqualTo("5");
            s.set(tagged(14, "d"), "gone");
            assertThat(c.del(tagged(14, "d"), m1, plain)).isEqualTo(3);
            assertThat(s.exists(tagged(14, "d"))).isFalse();
            assertThat(t.exists(tagged(14, "d"), m1)).isZero();
        }
    }

    @Test
    void aPartWithKeysOfTwoSourcesMovesThemFromBoth() {
        try (RedisServer second = RedisServer.start(); Jedis onSecond = direct(second); Jedis c = proxy.jedis()) {
            migrate(24);
            migrate(proxy, 25, second.addr(), target.addr());
            String first = tagged(24, "two");
            String other = tagged(25, "two");
            s.set(first, "from-first");
            onSecond.set(other, "from-second");

            assertThat(c.mget(other, first)).containsExactly("from-second", "from-first");
            assertThat(t.mget(first, other)).containsExactly("from-first", "from-second");
            assertThat(s.exists(first)).isFalse();
            assertThat(onSecond.exists(other)).isFalse();
        } finally {
            proxy.plane.router().fillSlots(List.of(ProxyFixture.slot(25, source.addr(), false)));
        }
    }

    @Test
    void keysMoveInTheSessionsDb() {
        migrate(16);
        String key = tagged(16, "db");
        try (Jedis c = proxy.jedis()) {
            s.select(3);
            s.set(key, "in-db-3");
            c.select(3);

            assertThat(c.get(key)).isEqualTo("in-db-3");
            assertThat(s.exists(key)).isFalse();
            t.select(3);
            assertThat(t.get(key)).isEqualTo("in-db-3");
            t.select(0);
            assertThat(t.exists(key)).isFalse();
        } finally {
            s.select(0);
            t.select(0);
        }
    }

    @Test
    void aTransactionAndABlockedCallFindTheirKeysOnTheTarget() {
        migrate(30);
        String counter = tagged(30, "counter");
        String queue = tagged(30, "queue");
        s.set(counter, "41");
        s.rpush(queue, "job");
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("WATCH", counter)).isEqualTo("+OK\r\n");
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("INCR", counter)).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("EXEC")).isEqualTo("*1\r\n:42\r\n");
            assertThat(c.call("BRPOP", queue, "1")).isEqualTo("*2\r\n$" + queue.length() + "\r\n" + queue + "\r\n$3\r\njob\r\n");
        }
        assertThat(s.exists(counter)).isFalse();
        assertThat(t.get(counter)).isEqualTo("42");
    }

    @Test
    void aCallBlockedWhenItsSlotStartsMigratingIsUnblockedAndFindsTheKeyOnTheTarget() {
        String queue = tagged(32, "queue");
        try (RawClient worker = proxy.raw(); RawClient producer = proxy.raw()) {
            worker.send(new String(RawClient.encode("BLPOP", queue, "0")));
            Await.until("the call blocks on the source", () -> BlockingCommandsTest.blockedClients(source) == 1);
            migrate(32);
            assertThat(worker.readReply()).isEqualTo("-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n");
            assertThat(BlockingCommandsTest.blockedClients(source)).isZero();
            worker.send(new String(RawClient.encode("BLPOP", queue, "0")));
            Await.until("the call blocks on the target", () -> BlockingCommandsTest.blockedClients(target) == 1);
            assertThat(producer.call("RPUSH", queue, "job")).isEqualTo(":1\r\n");
            assertThat(worker.readReply()).isEqualTo("*2\r\n$" + queue.length() + "\r\n" + queue + "\r\n$3\r\njob\r\n");
        }
        assertThat(s.exists(queue)).isFalse();
    }

    @Test
    void aKeyThatCannotMoveDiscardsTheTransactionEvenPipelined() {
        migrate(31);
        String busy = tagged(31, "busy");
        String free = tagged(31, "free");
        s.set(busy, "source");
        t.set(busy, "target");
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("SET", free, "1")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("SET", busy, "new")).isEqualTo(BUSYKEY);
            assertThat(c.call("EXEC")).isEqualTo("-EXECABORT Transaction discarded because of previous errors.\r\n");

            c.send(new String(RawClient.encode("MULTI")) + new String(RawClient.encode("SET", free, "2"))
                    + new String(RawClient.encode("APPEND", busy, "x")) + new String(RawClient.encode("EXEC")));
            assertThat(c.readReply()).isEqualTo("+OK\r\n");
            assertThat(c.readReply()).isEqualTo("+QUEUED\r\n");
            assertThat(c.readReply()).isEqualTo(BUSYKEY);
            assertThat(c.readReply()).isEqualTo("-EXECABORT Transaction discarded because of previous errors.\r\n");
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
        }
        assertThat(t.get(free)).isNull();
        assertThat(s.get(busy)).isEqualTo("source");
        assertThat(t.get(busy)).isEqualTo("target");
    }

    @Test
    void aKeyOnBothSidesIsAnErrorAndBothCopiesStay() {
        migrate(17);
        String key = tagged(17, "busy");
        String other = tagged(17, "other");
        s.set(key, "source");
        t.set(key, "target");
        s.set(other, "o");
        try (RawClient c = proxy.raw()) {

            assertThat(c.call("GET", key)).isEqualTo(BUSYKEY);
            assertThat(c.call("SET", key, "new")).isEqualTo(BUSYKEY);
            assertThat(c.call("MGET", other, key)).isEqualTo(BUSYKEY);
            assertThat(s.get(key)).isEqualTo("source");
            assertThat(t.get(key)).isEqualTo("target");
            assertThat(c.call("GET", other)).as("a key moved by the failed MGET is read on the target").isEqualTo("$1\r\no\r\n");
        }
    }

    @Test
    void aSourceDownFailsTheRequestAndForwardsNothing() {
        String key = tagged(18, "down");
        try (RedisServer gone = RedisServer.start(); RawClient c = proxy.raw()) {
            migrate(proxy, 18, gone.addr(), target.addr());
            assertThat(c.call("SET", key, "primed")).isEqualTo("+OK\r\n");
            gone.stop();

            String reply = c.call("SET", key, "lost");
            assertThat(reply).startsWith("-ERR handle request, backend conn ");
            assertThat(c.call("MSET", key, "lost", tagged(18, "b"), "lost")).startsWith("-ERR handle request, backend conn ");
            assertThat(t.get(key)).isEqualTo("primed");
            assertThat(t.exists(tagged(18, "b"))).isFalse();
        } finally {
            migrate(18);
        }
    }

    @Test
    void aPipelineOnAMigratingSlotKeepsItsOrder() {
        migrate(19);
        migrate(20);
        String plainOnTarget = tagged(21, "p");
        proxy.plane.router().fillSlots(List.of(ProxyFixture.slot(21, target.addr(), false)));
        try (RawClient c = proxy.raw()) {
            for (int k = 0; k < 10; k++) {
                s.set(tagged(19, "k" + k), "initial");
            }
            StringBuilder requests = new StringBuilder();
            List<String> expected = new ArrayList<>();
            java.util.Map<String, String> values = new java.util.HashMap<>();
            for (int i = 0; i < 200; i++) {
                String key = tagged(19, "k" + (i % 10));
                switch (i % 3) {
                    case 0 -> {
                        requests.append(new String(RawClient.encode("GET", key)));
                        expected.add(bulk(values.getOrDefault(key, "initial")));
                    }
                    case 1 -> {
                        // a write that moves a key and writes a plain key of the target, then reads of that one
                        requests.append(new String(RawClient.encode("MSET", tagged(20, "m"), "v" + i, plainOnTarget, "v" + i)));
                        requests.append(new String(RawClient.encode("GET", plainOnTarget)));
                        requests.append(new String(RawClient.encode("MGET", plainOnTarget, plainOnTarget)));
                        expected.add("+OK\r\n");
                        expected.add(bulk("v" + i));
                        expected.add("*2\r\n" + bulk("v" + i) + bulk("v" + i));
                    }
                    default -> {
                        requests.append(new String(RawClient.encode("SET", key, Integer.toString(i))));
                        expected.add("+OK\r\n");
                        values.put(key, Integer.toString(i));
                    }
                }
            }
            c.send(requests.toString());
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++) {
                replies.add(c.readReply());
            }
            assertThat(replies).containsExactlyElementsOf(expected);
            assertThat(s.keys("*").stream().filter(k -> SlotHash.slotOf(k) == 19 || SlotHash.slotOf(k) == 20)).isEmpty();
        } finally {
            proxy.plane.router().fillSlots(List.of(ProxyFixture.slot(21, source.addr(), false)));
        }
    }

    private static String bulk(String value) {
        return "$" + value.length() + "\r\n" + value + "\r\n";
    }

    @Test
    void aSlotMigratingToItsOwnSourceFailsWithoutLosingTheKey() {
        String key = tagged(22, "self");
        migrate(proxy, 22, source.addr(), source.addr());
        try (RawClient c = proxy.raw()) {
            s.set(key, "kept");

            assertThat(c.call("GET", key)).startsWith("-ERR handle request, bad slotsmgrt resp: IOERR");
            assertThat(s.get(key)).isEqualTo("kept");
        } finally {
            proxy.plane.router().fillSlots(List.of(ProxyFixture.slot(22, source.addr(), false)));
        }
    }

    @Test
    void theSourceAuthenticatesOnTheTargetWithProductAuth() {
        try (RedisServer from = RedisServer.builder().password("s3cret").start();
                RedisServer to = RedisServer.builder().password("s3cret").start();
                ProxyFixture authed = ProxyFixture.start("product_auth = \"s3cret\"").fillSpread(List.of(from.addr())).online();
                Jedis onSource = direct(from); Jedis onTarget = direct(to); Jedis c = authed.jedis()) {
            String key = tagged(23, "auth");
            migrate(authed, 23, from.addr(), to.addr());
            onSource.set(key, "moved");

            assertThat(c.get(key)).isEqualTo("moved");
            assertThat(onTarget.get(key)).isEqualTo("moved");
            assertThat(onSource.exists(key)).isFalse();
        }
    }
}
