package io.codis.dashboard.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.Await;
import io.codis.common.testkit.RedisServer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Servers that go away mid-pass: the slots in flight fail, nothing is lost, a later pass finishes. */
class ServerFailureTest {
    private static final MoverSettings SETTINGS = new MoverSettings("", Duration.ofSeconds(5), 100, 1 << 20, 10);

    @Test
    void aTargetShutDownMidPassFailsItsSlotsAndALaterPassFinishes() throws Exception {
        try (RedisServer source = RedisServer.start(); RedisServer target = RedisServer.builder().persistence(true).start()) {
            fill(source);
            var stop = DuringCopy.then(target, target::stop);

            Map<Integer, SlotOutcome> first = passOf(source, target);

            stop.get();
            assertThat(first.get(50).status()).startsWith("[ERROR] Slot[0050]: ").contains(target.addr());
            assertThat(first.values()).noneMatch(SlotOutcome::isEmpty);
            target.restart();
            assertMovesToTheEnd(source, target);
        }
    }

    @Test
    void aSourceShutDownMidPassFailsEverySlotAndALaterPassFinishes() throws Exception {
        try (RedisServer source = RedisServer.builder().persistence(true).start(); RedisServer target = RedisServer.start()) {
            fill(source);
            var stop = DuringCopy.then(target, source::stop);

            Map<Integer, SlotOutcome> first = passOf(source, target);

            stop.get();
            assertThat(first.values()).allSatisfy(slot -> {
                assertThat(slot.complete()).isFalse();
                assertThat(slot.error()).contains(source.addr());
            });
            source.restart();
            assertMovesToTheEnd(source, target);
        }
    }

    @Test
    void aTargetThatTimesOutFailsTheSlotAndTheCopiesItTookLaterAreResolved() throws Exception {
        try (RedisServer source = RedisServer.start(); RedisServer target = RedisServer.start()) {
            try (Jedis src = new Jedis("127.0.0.1", source.port())) {
                for (int i = 0; i < 50; i++) {
                    src.set(MoverServers.key(60, "k" + i), "v" + i);
                }
            }
            MoverSettings quick = new MoverSettings("", Duration.ofMillis(300), 100, 1 << 20, 10);
            SlotOutcome first;
            try {
                BatchPacer freezeTarget = addr -> target.freeze();
                first = new SourcePass(source.addr(), quick, new MoveCounters(), freezeTarget).run(Map.of(60, target.addr())).get(60);
            } finally {
                target.thaw();
            }
            assertThat(first.status()).startsWith("[ERROR] Slot[0060]: migrate to " + target.addr() + ": IOERR");
            try (Jedis src = new Jedis("127.0.0.1", source.port()); Jedis t = new Jedis("127.0.0.1", target.port())) {
                assertThat(src.dbSize()).as("the source keeps every key after an IOERR").isEqualTo(50);
                Await.until("the thawed target to apply the timed-out RESTOREs", t::dbSize, n -> n >= 50);
                assertThat(t.dbSize()).as("the thawed target applied the timed-out RESTOREs").isEqualTo(50);
            }
            SlotOutcome second = new SourcePass(source.addr(), quick, new MoveCounters(), BatchPacer.NONE).run(Map.of(60, target.addr())).get(60);
            assertThat(second.failed()).as(second.status()).isFalse();
            assertThat(second.movedKeys()).isEqualTo(50);
            try (Jedis src = new Jedis("127.0.0.1", source.port()); Jedis t = new Jedis("127.0.0.1", target.port())) {
                assertThat(src.dbSize()).isZero();
                assertThat(t.get(MoverServers.key(60, "k7"))).isEqualTo("v7");
            }
        }
    }

    @Test
    void aTemporaryCopyThatExpiresMidCopyFailsTheSlotAndIsNeverSwappedIn() throws Exception {
        try (RedisServer source = RedisServer.start(); RedisServer target = RedisServer.start()) {
            try (Jedis src = new Jedis("127.0.0.1", source.port())) {
                DuringCopy.fillHash(src, MoverServers.key(50, "big"), 20_000);
            }
            MoverSettings quick = new MoverSettings("", Duration.ofMillis(50), 100, 1 << 20, 10);
            var stall = DuringCopy.then(target, () -> {
                source.freeze();
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    source.thaw();
                }
            });

            SlotOutcome first = new SourcePass(source.addr(), quick, new MoveCounters(), BatchPacer.NONE)
                    .run(Map.of(50, target.addr())).get(50);

            stall.get();
            assertThat(first.status()).isEqualTo("[ERROR] Slot[0050]: moving big key '" + MoverServers.key(50, "big")
                    + "' to " + target.addr() + ": " + ChunkCopy.EXPIRED);
            try (Jedis src = new Jedis("127.0.0.1", source.port()); Jedis t = new Jedis("127.0.0.1", target.port())) {
                assertThat(src.hlen(MoverServers.key(50, "big"))).isEqualTo(20_000);
                assertThat(t.exists(MoverServers.key(50, "big"))).isFalse();
                assertThat(t.dbSize()).as("the partial copy is dropped").isZero();
            }
        }
    }

    /** Slot 50: a big hash (copied in 2,000 chunks); slot 51: 500 small keys. */
    private static void fill(RedisServer source) {
        try (Jedis src = new Jedis("127.0.0.1", source.port())) {
            DuringCopy.fillHash(src, MoverServers.key(50, "big"), 20_000);
            for (int i = 0; i < 500; i++) {
                src.set(MoverServers.key(51, "k" + i), "v" + i);
            }
        }
    }

    private static Map<Integer, SlotOutcome> passOf(RedisServer source, RedisServer target) {
        return new SourcePass(source.addr(), SETTINGS, new MoveCounters(), BatchPacer.NONE).run(Map.of(50, target.addr(), 51, target.addr()));
    }

    /** Passes until both slots are empty (at most three), then checks every key is on the target. */
    private static void assertMovesToTheEnd(RedisServer source, RedisServer target) {
        Map<Integer, SlotOutcome> outcome = passOf(source, target);
        for (int i = 0; i < 2 && !outcome.values().stream().allMatch(SlotOutcome::isEmpty); i++) {
            assertThat(outcome.values()).noneMatch(SlotOutcome::failed);
            outcome = passOf(source, target);
        }
        assertThat(outcome.values()).allMatch(SlotOutcome::isEmpty);
        try (Jedis src = new Jedis("127.0.0.1", source.port()); Jedis t = new Jedis("127.0.0.1", target.port())) {
            assertThat(src.dbSize()).isZero();
            assertThat(t.hlen(MoverServers.key(50, "big"))).isEqualTo(20_000);
            for (int i = 0; i < 500; i++) {
                assertThat(t.get(MoverServers.key(51, "k" + i))).isEqualTo("v" + i);
            }
            Set<String> temporary = t.keys("codis-migrate-tmp:*");
            assertThat(t.dbSize() - temporary.size()).isEqualTo(501);
            // a copy cut short by a stopped server stays until its temporary TTL (3 x migration_timeout)
            assertThat(temporary).allSatisfy(tmp -> assertThat(t.pttl(tmp)).isBetween(1L, 15_000L));
        }
    }
}
