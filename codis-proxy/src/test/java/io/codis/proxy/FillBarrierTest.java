package io.codis.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.model.Slot;
import io.codis.common.slot.SlotHash;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.RedisServer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** fillslots validation, slots() view, and the locked-fill barrier. */
class FillBarrierTest {

    static RedisServer a;
    static RedisServer b;
    static ProxyFixture proxy;

    @BeforeAll
    static void start() {
        a = RedisServer.start();
        b = RedisServer.start();
        proxy = ProxyFixture.start("").fillSpread(List.of(a.addr())).online();
    }

    @AfterAll
    static void stop() {
        proxy.close();
        a.close();
        b.close();
    }

    @Test
    void invalidFillsAreRejected() {
        var router = proxy.plane.router();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> router.fillSlots(List.of(ProxyFixture.slot(1024, a.addr(), false))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("use of invalid slot id");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> router.fillSlots(List.of(
                new Slot(3, false, a.addr(), 1, "", 0, 2, List.of()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("use of invalid forwarder method");
        try (ProxyFixture fresh = ProxyFixture.start("")) {
            assertThat(fresh.plane.router().slots()).hasSize(1024).allSatisfy(s -> assertThat(s.backendAddr()).isEmpty());
            assertThat(fresh.plane.router().slots().get(9)).isEqualTo(Slot.unfilled(9));
            fresh.plane.router().close();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> fresh.plane.router().fillSlots(List.of(Slot.unfilled(1))))
                    .isInstanceOf(IllegalStateException.class).hasMessage("use of closed router");
        }
    }

    @Test
    void aMigratingSlotIsServedByItsTarget() {
        // a key the source does not hold (MIGRATE says NOKEY) is written on the target; MoveOnAccessTest moves keys
        String key = "migrating:k";
        int slot = SlotHash.slotOf(key);
        var router = proxy.plane.router();
        router.fillSlots(List.of(new Slot(slot, false, b.addr(), 2, a.addr(), 1, Slot.FORWARD_SYNC, List.of())));
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("SET", key, "on-target")).isEqualTo("+OK\r\n");
            assertThat(c.call("SLOTSMAPPING", Integer.toString(slot)))
                    .isEqualTo("*4\r\n+" + slot + "\r\n+" + b.addr() + "\r\n+" + a.addr() + "\r\n*0\r\n");
        }
        try (var direct = new redis.clients.jedis.Jedis("127.0.0.1", b.port())) {
            assertThat(direct.get(key)).isEqualTo("on-target");
        }
        assertThat(router.slots().get(slot).migrateFrom()).isEqualTo(a.addr());
        router.fillSlots(List.of(ProxyFixture.slot(slot, a.addr(), false)));
    }

    @Test
    void sentinelSwitchesMarkSlotsUntilTheNextFill() {
        var router = proxy.plane.router();
        assertThat(router.isSwitched()).isFalse();
        router.fillSwitchedSlots(List.of(ProxyFixture.slot(11, a.addr(), false)));
        assertThat(router.isSwitched()).isTrue();
        router.fillSlots(List.of(ProxyFixture.slot(11, a.addr(), false)));
        assertThat(router.isSwitched()).isFalse();
    }

    @Test
    void aLockedFillHoldsRequestsUntilAnUnlockingFill() throws Exception {
        String key = "barrier:k";
        int slot = SlotHash.slotOf(key);
        var router = proxy.plane.router();
        try (RawClient c = proxy.raw(); RawClient other = proxy.raw()) {
            assertThat(c.call("SET", key, "old")).isEqualTo("+OK\r\n");
            router.fillSlots(List.of(ProxyFixture.slot(slot, b.addr(), true)));
            assertThat(router.slots().get(slot).locked()).isTrue();
            // a held request, and one after it for another slot: both wait, in order
            long read = proxy.plane.stats().ops().total();
            c.send(new String(RawClient.encode("SET", key, "new")) + new String(RawClient.encode("PING")));
            // another session is not stalled by it
            assertThat(other.call("SET", "barrier:free", "x")).isEqualTo("+OK\r\n");
            CompletableFuture<String> first = CompletableFuture.supplyAsync(c::readReply);
            // both were read by the proxy, yet no reply comes while the slot is locked
            Await.until("both held requests read by the proxy", () -> proxy.plane.stats().ops().total(), n -> n >= read + 3);
            assertThat(other.call("GET", "barrier:free")).isEqualTo("$1\r\nx\r\n");
            assertThat(first).isNotDone();
            // release it with an unlocking fill
            router.fillSlots(List.of(ProxyFixture.slot(slot, b.addr(), false)));
            assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo("+OK\r\n");
            assertThat(c.readReply()).isEqualTo("+PONG\r\n");
            assertThat(router.slots().get(slot).locked()).isFalse();
        }
        try (var direct = new redis.clients.jedis.Jedis("127.0.0.1", b.port())) {
            assertThat(direct.get(key)).isEqualTo("new");
        }
        try (var direct = new redis.clients.jedis.Jedis("127.0.0.1", a.port())) {
            assertThat(direct.get(key)).isEqualTo("old");
        }
        router.fillSlots(List.of(ProxyFixture.slot(slot, a.addr(), false)));
    }
}
