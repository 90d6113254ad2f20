package io.codis.dashboard.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.MigrateParams;

class BusyKeyTest extends MoverServers {
    private final MoverSettings settings = settings(100, 32 << 20, 200);

    @Test
    void anIdenticalCopyOnTheTargetIsResolvedWithTheSourceExpiry() {
        long expireAt = System.currentTimeMillis() + 600_000;
        try (Jedis src = jedis(source); Jedis a = jedis(targetA)) {
            src.set(key(30, "k"), "same");
            src.pexpireAt(key(30, "k"), expireAt);
            for (int i = 0; i < 300; i++) {
                src.sadd(key(30, "set"), "m" + i);
                a.sadd(key(30, "set"), "m" + (299 - i));
            }
            for (int i = 0; i < 5; i++) {
                src.set(key(30, "other" + i), "o" + i);
            }
            src.migrate("127.0.0.1", targetA.port(), 0, 5000, MigrateParams.migrateParams().copy(), key(30, "k"));
            a.pexpireAt(key(30, "k"), expireAt + 5000);
            assertThat(a.dump(key(30, "set"))).as("same members, other hash order").isNotEqualTo(src.dump(key(30, "set")));
        }

        SlotOutcome slot = pass(source, settings, Map.of(30, targetA.addr())).get(30);

        assertThat(slot.failed()).as(slot.status()).isFalse();
        assertThat(slot.movedKeys()).isEqualTo(7);
        try (Jedis src = jedis(source); Jedis a = jedis(targetA)) {
            assertThat(src.dbSize()).isZero();
            assertThat(a.get(key(30, "k"))).isEqualTo("same");
            assertThat(a.pexpireTime(key(30, "k"))).isEqualTo(expireAt);
            assertThat(a.scard(key(30, "set"))).isEqualTo(300);
            assertThat(a.dbSize()).isEqualTo(7);
        }
        assertThat(pass(source, settings, Map.of(30, targetA.addr())).get(30).isEmpty()).isTrue();
    }

    @Test
    void aDifferentCopyStopsItsSlotAndBothCopiesStay() {
        split(31, "k", "new", "old");
        try (Jedis src = jedis(source)) {
            src.set(key(31, "sibling"), "s");
            src.set(key(32, "elsewhere"), "e");
        }
        Map<Integer, String> targets = Map.of(31, targetA.addr(), 32, targetA.addr());

        Map<Integer, SlotOutcome> first = pass(source, settings, targets);

        String error = "[ERROR] Slot[0031]: key '" + key(31, "k") + "' exists on both " + source.addr() + " and "
                + targetA.addr() + " with different values; delete the wrong copy and the migration goes on by itself";
        assertThat(first.get(31).status()).isEqualTo(error);
        assertThat(first.get(32).failed()).isFalse();
        try (Jedis src = jedis(source); Jedis a = jedis(targetA)) {
            assertThat(src.get(key(31, "k"))).isEqualTo("new");
            assertThat(a.get(key(31, "k"))).isEqualTo("old");
            assertThat(a.get(key(31, "sibling"))).isEqualTo("s");
            assertThat(a.get(key(32, "elsewhere"))).isEqualTo("e");
        }
        Map<Integer, SlotOutcome> second = pass(source, settings, targets);
        assertThat(second.get(31).status()).isEqualTo(error);
        assertThat(second.get(32).isEmpty()).isTrue();

        try (Jedis a = jedis(targetA)) {
            a.del(key(31, "k"));
        }
        assertThat(pass(source, settings, targets).get(31).failed()).as("after the operator deleted a copy").isFalse();
        assertThat(pass(source, settings, targets).get(31).isEmpty()).isTrue();
        try (Jedis src = jedis(source); Jedis a = jedis(targetA)) {
            assertThat(a.get(key(31, "k"))).isEqualTo("new");
            assertThat(src.exists(key(31, "k"))).isFalse();
        }
    }

    @Test
    void aKeyKnownOlderAtTheSourceStaysOnBothSidesAndOthersStillStopTheSlot() {
        split(33, "known", "older", "served");
        try (Jedis src = jedis(source)) {
            src.set(key(33, "moves"), "m");
        }
        Set<DbKey> known = Set.of(DbKey.of(0, key(33, "known").getBytes()));

        SlotOutcome first = passKnowing(33, known);
        SlotOutcome again = passKnowing(33, known);

        assertThat(first.failed()).as(first.status()).isFalse();
        assertThat(first.conflicts()).isEmpty();
        assertThat(again.isEmpty()).as(again.status()).isTrue();
        try (Jedis src = jedis(source); Jedis a = jedis(targetA)) {
            assertThat(src.get(key(33, "known"))).isEqualTo("older");
            assertThat(a.get(key(33, "known"))).isEqualTo("served");
            assertThat(a.get(key(33, "moves"))).isEqualTo("m");
        }
        split(33, "unknown", "one", "other");

        SlotOutcome second = passKnowing(33, known);

        assertThat(second.status()).startsWith("[ERROR] Slot[0033]: key '" + key(33, "unknown") + "' exists on both ");
        assertThat(second.conflicts()).containsExactly(DbKey.of(0, key(33, "unknown").getBytes()));
        try (Jedis src = jedis(source); Jedis a = jedis(targetA)) {
            assertThat(src.get(key(33, "unknown"))).isEqualTo("one");
            assertThat(a.get(key(33, "unknown"))).isEqualTo("other");
        }
    }

    /** Key {@code name} of slot {@code sid} with one copy on the source and another on target A. */
    private static void split(int sid, String name, String atSource, String atTarget) {
        try (Jedis src = jedis(source); Jedis a = jedis(targetA)) {
            src.set(key(sid, name), atSource);
            a.set(key(sid, name), atTarget);
        }
    }

    /** A pass of slot {@code sid} to target A, {@code known} older at the source. */
    private SlotOutcome passKnowing(int sid, Set<DbKey> known) {
        return new SourcePass(source.addr(), settings, new MoveCounters(), BatchPacer.NONE)
                .run(Map.of(sid, targetA.addr()), Map.of(sid, known)).get(sid);
    }
}
