package io.codis.dashboard.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;

class SourcePassTest extends MoverServers {
    @Test
    void movesTheKeysOfTheLeavingSlotsFromEveryDbAndLeavesTheOthers() {
        try (Jedis src = jedis(source)) {
            for (int db : new int[] {0, 3}) {
                src.select(db);
                for (int i = 0; i < 40; i++) {
                    src.set(key(1, "a" + i), "one-" + db + "-" + i);
                    src.set(key(2, "b" + i), "two-" + db + "-" + i);
                    src.set(key(3, "c" + i), "three-" + db + "-" + i);
                    src.set(key(5, "d" + i), "stays-" + db + "-" + i);
                }
            }
        }
        MoveCounters counters = new MoveCounters();
        Map<Integer, String> targets = Map.of(1, targetA.addr(), 2, targetA.addr(), 3, targetB.addr());
        SourcePass pass = new SourcePass(source.addr(), settings(500, 32 << 20, 200), counters, BatchPacer.NONE);

        Map<Integer, SlotOutcome> first = pass.run(targets);

        assertThat(first).containsOnlyKeys(1, 2, 3);
        for (SlotOutcome slot : first.values()) {
            assertThat(slot.failed()).isFalse();
            assertThat(slot.isEmpty()).as("keys were seen, so a further pass must confirm").isFalse();
            assertThat(slot.seenByDb()).isEqualTo(Map.of(0, 40L, 3, 40L));
            assertThat(slot.movedKeys()).isEqualTo(80);
            assertThat(slot.movedBytes()).isPositive();
        }
        assertThat(first.get(1).status()).isEqualTo("[OK] Slot[0001]@DB[0]=40");
        assertThat(counters.keys(2)).isEqualTo(80);
        assertThat(counters.totalKeys()).isEqualTo(240);
        assertThat(counters.totalBytes()).isEqualTo(first.values().stream().mapToLong(SlotOutcome::movedBytes).sum());

        Map<Integer, SlotOutcome> second = pass.run(targets);
        assertThat(second.values()).allSatisfy(slot -> {
            assertThat(slot.isEmpty()).isTrue();
            assertThat(slot.status()).isEmpty();
        });
        try (Jedis src = jedis(source); Jedis a = jedis(targetA); Jedis b = jedis(targetB)) {
            for (int db : new int[] {0, 3}) {
                src.select(db);
                a.select(db);
                b.select(db);
                assertThat(src.dbSize()).isEqualTo(40);
                assertThat(a.dbSize()).isEqualTo(80);
                assertThat(b.dbSize()).isEqualTo(40);
                assertThat(src.get(key(5, "d7"))).isEqualTo("stays-" + db + "-7");
                assertThat(a.get(key(2, "b7"))).isEqualTo("two-" + db + "-7");
                assertThat(b.get(key(3, "c39"))).isEqualTo("three-" + db + "-39");
            }
        }
    }

    @Test
    void theSyncMethodMovesOneHashTagPerMigrate() {
        try (Jedis src = jedis(source)) {
            for (String tag : tagsOfSlot(7, 3)) {
                for (int i = 0; i < 4; i++) {
                    src.set("{" + tag + "}" + i, tag + i);
                }
            }
        }
        Map<Integer, String> targets = Map.of(7, targetA.addr());
        MoverSettings sync = new MoverSettings("", java.time.Duration.ofSeconds(5), 500, 32 << 20, 200, true);
        assertThat(pass(source, sync, targets).get(7).movedKeys()).isEqualTo(12);
        assertThat(calls(source, "migrate")).isEqualTo(3);
        try (Jedis a = jedis(targetA)) {
            assertThat(a.dbSize()).isEqualTo(12);
        }
    }

    @Test
    void batchesHoldAtMostNumkeysKeysAndMaxbytesBytes() {
        try (Jedis src = jedis(source)) {
            for (int i = 0; i < 95; i++) {
                src.set(key(7, "k" + i), "v" + i);
            }
        }
        pass(source, settings(10, 32 << 20, 200), Map.of(7, targetA.addr()));
        assertThat(calls(source, "migrate")).isEqualTo(10);

        long usage;
        try (Jedis src = jedis(source)) {
            src.configResetStat();
            for (int i = 0; i < 30; i++) {
                src.set(key(8, "big" + i), "x".repeat(1000));
            }
            usage = src.memoryUsage(key(8, "big0"), 0);
        }
        long maxBytes = 4 * usage + usage / 2;
        pass(source, settings(500, maxBytes, 200), Map.of(8, targetA.addr()));
        assertThat(calls(source, "migrate")).as("4 keys of %d bytes per batch", usage).isEqualTo(8);
        try (Jedis a = jedis(targetA)) {
            assertThat(a.dbSize()).isEqualTo(125);
        }
    }

    @Test
    void keysOfOneHashTagSeenTogetherGoInOneBatch() {
        try (Jedis src = jedis(source)) {
            for (String tag : tagsOfSlot(9, 3)) {
                for (int i = 0; i < 10; i++) {
                    src.set("{" + tag + "}:" + i, "v");
                }
            }
        }
        pass(source, settings(15, 32 << 20, 200), Map.of(9, targetA.addr()));
        assertThat(calls(source, "migrate")).as("10 + 10 > 15: each tag in a batch of its own").isEqualTo(3);
        try (Jedis a = jedis(targetA)) {
            assertThat(a.dbSize()).isEqualTo(30);
        }
    }

    @Test
    void everyTypeArrivesByteIdenticalWithItsExpiry() {
        Map<String, byte[]> dumps = new HashMap<>();
        Map<String, Long> expiries = new HashMap<>();
        long at = System.currentTimeMillis() + 3_600_000;
        try (Jedis src = jedis(source)) {
            src.set(key(4, "string"), "hello");
            src.set(key(4, "int"), "12345");
            src.rpush(key(4, "list"), "a", "b", "c");
            src.hset(key(4, "hash"), Map.of("f1", "v1", "f2", "v2"));
            src.sadd(key(4, "set"), "x", "y", "z");
            src.sadd(key(4, "intset"), "1", "2", "3");
            src.zadd(key(4, "zset"), Map.of("m1", 1.5, "m2", -2.25, "m3", 1e300));
            StreamEntryID id = src.xadd(key(4, "stream"), XAddParams.xAddParams(), Map.of("f", "v"));
            src.xadd(key(4, "stream"), XAddParams.xAddParams(), Map.of("g", "w"));
            src.xgroupCreate(key(4, "stream"), "readers", id, false);
            src.pfadd(key(4, "hll"), "a", "b", "c", "d");
            src.setbit(key(4, "bitmap"), 100_000, true);
            for (String name : List.of("string", "int", "list", "hash", "set", "intset", "zset", "stream", "hll", "bitmap")) {
                src.pexpireAt(key(4, name), at + name.length());
                dumps.put(name, src.dump(key(4, name)));
                expiries.put(name, src.pexpireTime(key(4, name)));
            }
            src.set(key(4, "persistent"), "forever");
        }
        Map<Integer, SlotOutcome> outcome = pass(source, settings(500, 32 << 20, 200), Map.of(4, targetB.addr()));
        assertThat(outcome.get(4).movedKeys()).isEqualTo(11);
        try (Jedis b = jedis(targetB)) {
            dumps.forEach((name, dump) -> {
                if (name.equals("set")) {
                    // a hashtable set's DUMP follows its server's hash order: compare members and encoding
                    assertThat(b.smembers(key(4, name))).containsExactlyInAnyOrder("x", "y", "z");
                    assertThat(b.objectEncoding(key(4, name))).isEqualTo("hashtable");
                } else {
                    assertThat(b.dump(key(4, name))).as(name).isEqualTo(dump);
                }
                assertThat(b.pexpireTime(key(4, name))).as(name).isEqualTo(expiries.get(name));
            });
            assertThat(b.pexpireTime(key(4, "persistent"))).isEqualTo(-1);
        }
    }

    @Test
    void anOfflineSourceHasNothingToMove() {
        Map<Integer, SlotOutcome> outcome = new SourcePass("", settings(500, 32 << 20, 200), new MoveCounters(), BatchPacer.NONE)
                .run(Map.of(11, targetA.addr(), 12, targetB.addr()));
        assertThat(outcome.values()).allSatisfy(slot -> assertThat(slot.isEmpty()).isTrue());
    }

    @Test
    void anUnreachableSourceFailsEverySlotOfThePass() {
        Map<Integer, SlotOutcome> outcome = new SourcePass("127.0.0.1:1", settings(500, 32 << 20, 200), new MoveCounters(), BatchPacer.NONE)
                .run(Map.of(11, targetA.addr()));
        assertThat(outcome.get(11).isEmpty()).isFalse();
        assertThat(outcome.get(11).status()).startsWith("[ERROR] Slot[0011]: dial tcp 127.0.0.1:1: connection refused");
    }

    @Test
    void aTargetThatIsTheSourceItselfOrUnreachableStopsItsSlotsBeforeAnyKeyMoves() {
        try (Jedis src = jedis(source)) {
            src.set(key(15, "k"), "only copy");
            src.set(key(16, "k"), "v");
            src.set(key(17, "k"), "w");
        }
        String sameServer = "localhost:" + source.port();
        Map<Integer, SlotOutcome> outcome = pass(source, settings(500, 32 << 20, 200),
                Map.of(15, sameServer, 16, "127.0.0.1:1", 17, targetA.addr()));
        assertThat(outcome.get(15).status())
                .isEqualTo("[ERROR] Slot[0015]: target " + sameServer + " is the source " + source.addr() + " itself");
        assertThat(outcome.get(16).status()).isEqualTo("[ERROR] Slot[0016]: dial tcp 127.0.0.1:1: connection refused");
        assertThat(outcome.get(17).movedKeys()).isEqualTo(1);
        try (Jedis src = jedis(source)) {
            assertThat(src.get(key(15, "k"))).isEqualTo("only copy");
            assertThat(src.get(key(16, "k"))).isEqualTo("v");
        }
    }

    @Test
    void passesOverTwoSourcesRunAtTheSameTime() throws Exception {
        try (Jedis src = jedis(source); Jedis other = jedis(targetB)) {
            for (int i = 0; i < 2000; i++) {
                src.set(key(20, "s" + i), "from-source");
                other.set(key(21, "b" + i), "from-b");
            }
        }
        MoveCounters counters = new MoveCounters();
        MoverSettings settings = settings(100, 32 << 20, 200);
        CompletableFuture<Map<Integer, SlotOutcome>> one = CompletableFuture.supplyAsync(
                () -> new SourcePass(source.addr(), settings, counters, BatchPacer.NONE).run(Map.of(20, targetA.addr())));
        CompletableFuture<Map<Integer, SlotOutcome>> two = CompletableFuture.supplyAsync(
                () -> new SourcePass(targetB.addr(), settings, counters, BatchPacer.NONE).run(Map.of(21, targetA.addr())));
        assertThat(one.get().get(20).movedKeys()).isEqualTo(2000);
        assertThat(two.get().get(21).movedKeys()).isEqualTo(2000);
        assertThat(counters.totalKeys()).isEqualTo(4000);
        try (Jedis a = jedis(targetA)) {
            assertThat(a.dbSize()).isEqualTo(4000);
        }
    }

    @Test
    void thePacerIsAskedBeforeEveryBatchAndCanEndThePass() {
        try (Jedis src = jedis(source)) {
            for (int i = 0; i < 25; i++) {
                src.set(key(13, "k" + i), "v");
            }
        }
        List<String> asked = new java.util.ArrayList<>();
        new SourcePass(source.addr(), settings(10, 32 << 20, 200), new MoveCounters(), asked::add)
                .run(Map.of(13, targetA.addr()));
        assertThat(asked).containsExactly(targetA.addr(), targetA.addr(), targetA.addr());

        try (Jedis src = jedis(source)) {
            src.set(key(14, "k"), "v");
        }
        BatchPacer stop = target -> {
            throw new IllegalStateException("action removed");
        };
        SourcePass stopped = new SourcePass(source.addr(), settings(10, 32 << 20, 200), new MoveCounters(), stop);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stopped.run(Map.of(14, targetA.addr())))
                .hasMessage("action removed");
        try (Jedis src = jedis(source)) {
            assertThat(src.get(key(14, "k"))).isEqualTo("v");
        }
    }

    @Test
    void progressLinesKeepTheOriginalShape() {
        assertThat(ProgressText.ok(7, 2, 130)).isEqualTo("[OK] Slot[0007]@DB[2]=130");
        assertThat(ProgressText.error(1023, "boom")).isEqualTo("[ERROR] Slot[1023]: boom");
    }
}
