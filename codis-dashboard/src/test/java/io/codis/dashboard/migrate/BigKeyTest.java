package io.codis.dashboard.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadGroupParams;

class BigKeyTest extends MoverServers {
    private static final List<String> SAME_DUMP = List.of("list", "zset", "string", "bitmap", "stream");

    @Test
    void bigKeysOfEveryTypeMoveInChunksAndArriveIdenticalWithTheirExpiry() {
        Map<String, byte[]> dumps = new HashMap<>();
        Map<String, Long> expiries = new HashMap<>();
        Map<String, String> hash = new HashMap<>();
        try (Jedis src = jedis(source)) {
            List<String> members = new ArrayList<>();
            Map<String, Double> scores = new HashMap<>();
            for (int i = 0; i < 1000; i++) {
                hash.put("f" + i, "v" + i);
                members.add("m" + i);
                scores.put("m" + i, i * 0.5);
            }
            src.hset(key(40, "hash"), hash);
            src.sadd(key(40, "set"), members.toArray(String[]::new));
            src.zadd(key(40, "zset"), scores);
            src.rpush(key(40, "list"), members.toArray(String[]::new));
            src.set(key(40, "string"), "0123456789abcdef".repeat(6250));
            src.setbit(key(40, "bitmap"), 200_000, true);
            StreamEntryID first = null;
            for (int i = 0; i < 300; i++) {
                StreamEntryID id = src.xadd(key(40, "stream"), XAddParams.xAddParams(), Map.of("n", "entry-" + i));
                first = first == null ? id : first;
            }
            src.xgroupCreate(key(40, "stream"), "readers", new StreamEntryID(), false);
            src.xreadGroup("readers", "alice", XReadGroupParams.xReadGroupParams().count(10),
                    Map.of(key(40, "stream"), StreamEntryID.UNRECEIVED_ENTRY));
            long at = System.currentTimeMillis() + 3_600_000;
            for (String name : List.of("hash", "set", "zset", "list", "string", "bitmap", "stream")) {
                if (!name.equals("set")) {
                    src.pexpireAt(key(40, name), at + name.length());
                }
                dumps.put(name, src.dump(key(40, name)));
                expiries.put(name, src.pexpireTime(key(40, name)));
            }
        }
        MoverSettings settings = settings(100, 4096, 50);

        SlotOutcome slot = pass(source, settings, Map.of(40, targetA.addr())).get(40);

        assertThat(slot.failed()).as(slot.status()).isFalse();
        assertThat(slot.movedKeys()).isEqualTo(7);
        assertThat(calls(source, "migrate")).isZero();
        assertThat(calls(targetA, "hset")).isGreaterThanOrEqualTo(20);
        assertThat(calls(targetA, "sadd")).isGreaterThanOrEqualTo(20);
        assertThat(calls(targetA, "zadd")).isGreaterThanOrEqualTo(20);
        assertThat(calls(targetA, "rpush")).isGreaterThanOrEqualTo(20);
        assertThat(calls(targetA, "append")).as("100,000 + 25,001 bytes in pieces of 4096").isGreaterThanOrEqualTo(25 + 7);
        assertThat(calls(targetA, "restore")).as("the stream, whole").isEqualTo(1);
        try (Jedis src = jedis(source); Jedis a = jedis(targetA)) {
            assertThat(src.dbSize()).isZero();
            assertThat(a.dbSize()).as("no temporary copy left").isEqualTo(7);
            for (String name : dumps.keySet()) {
                assertThat(a.pexpireTime(key(40, name))).as(name).isEqualTo(expiries.get(name));
                if (SAME_DUMP.contains(name)) {
                    assertThat(a.dump(key(40, name))).as(name).isEqualTo(dumps.get(name));
                }
            }
            // a hashtable hash's or set's DUMP follows its server's hash order: compare content and encoding
            assertThat(a.hgetAll(key(40, "hash"))).isEqualTo(hash);
            assertThat(a.objectEncoding(key(40, "hash"))).isEqualTo("hashtable");
            assertThat(a.smembers(key(40, "set"))).hasSize(1000).contains("m0", "m999");
            assertThat(a.objectEncoding(key(40, "set"))).isEqualTo("hashtable");
            assertThat(a.xpending(key(40, "stream"), "readers").getTotal()).isEqualTo(10);
        }
        assertThat(pass(source, settings, Map.of(40, targetA.addr())).get(40).isEmpty()).isTrue();
    }

    @Test
    void aProxyMovingTheKeyDuringTheCopyWinsAndItsWriteStays() throws Exception {
        try (Jedis src = jedis(source)) {
            DuringCopy.fillHash(src, key(41, "h"), 20_000);
        }
        AtomicBoolean moved = new AtomicBoolean();
        CompletableFuture<Void> proxy = DuringCopy.then(targetA, () -> {
            try (Jedis src = jedis(source); Jedis a = jedis(targetA)) {
                // what a proxy does on access: MIGRATE the key whole, then write to the target
                src.migrate("127.0.0.1", targetA.port(), key(41, "h"), 0, 10_000);
                a.hset(key(41, "h"), "new", "value");
                moved.set(true);
            }
        });

        SlotOutcome slot = pass(source, settings(100, 1 << 20, 10), Map.of(41, targetA.addr())).get(41);

        proxy.get();
        assertThat(moved).isTrue();
        assertThat(slot.failed()).as(slot.status()).isFalse();
        try (Jedis src = jedis(source); Jedis a = jedis(targetA)) {
            assertThat(src.exists(key(41, "h"))).isFalse();
            assertThat(a.hlen(key(41, "h"))).isEqualTo(20_001);
            assertThat(a.hget(key(41, "h"), "new")).isEqualTo("value");
            assertThat(a.dbSize()).as("no temporary copy left").isEqualTo(1);
        }
    }

    @Test
    void aWriteOnTheSourceDuringTheCopyKeepsTheSourceCopyForTheNextPass() throws Exception {
        try (Jedis src = jedis(source)) {
            DuringCopy.fillHash(src, key(42, "h"), 20_000);
        }
        CompletableFuture<Void> writer = DuringCopy.then(targetA, () -> {
            try (Jedis src = jedis(source)) {
                src.hset(key(42, "h"), "direct", "write");
            }
        });
        MoverSettings settings = settings(100, 1 << 20, 10);

        SlotOutcome first = pass(source, settings, Map.of(42, targetA.addr())).get(42);

        writer.get();
        assertThat(first.failed()).as(first.status()).isFalse();
        assertThat(first.movedKeys()).isZero();
        try (Jedis src = jedis(source); Jedis a = jedis(targetA)) {
            assertThat(src.hget(key(42, "h"), "direct")).isEqualTo("write");
            assertThat(a.dbSize()).as("neither the key nor a temporary copy on the target").isZero();
        }
        assertThat(pass(source, settings, Map.of(42, targetA.addr())).get(42).movedKeys()).isEqualTo(1);
        try (Jedis src = jedis(source); Jedis a = jedis(targetA)) {
            assertThat(src.exists(key(42, "h"))).isFalse();
            assertThat(a.hlen(key(42, "h"))).isEqualTo(20_001);
            assertThat(a.hget(key(42, "h"), "direct")).isEqualTo("write");
        }
    }
}
