package io.codis.proxy;

import static io.codis.common.testkit.SlotKeys.keyIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.slot.SlotHash;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Multi-key commands the proxy does not split (RENAME, COPY, SMOVE, BITOP, MSETNX, the STORE forms,
 * scripts...) over four servers (slot i on server i % 4): forwarded when their keys are in one slot, or
 * in slots of one backend as the original did; refused with CROSSSLOT otherwise, executing nothing.
 */
class OneSlotCommandsTest extends FourServerProxyTest {

    static final String CROSSSLOT = "-CROSSSLOT handle request, keys in request don't hash to the same slot\r\n";

    /** A key in slot {@code sid}: {@code {k}name}. */
    static String tagged(int sid, String name) {
        return "{" + keyIn(sid) + "}" + name;
    }

    @Test
    void keysOfOneSlotAreForwarded() {
        String a = tagged(100, "a");
        String b = tagged(100, "b");
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("SET", a, "v")).isEqualTo("+OK\r\n");
            assertThat(c.call("RENAME", a, b)).isEqualTo("+OK\r\n");
            assertThat(c.call("COPY", b, a)).isEqualTo(":1\r\n");
            assertThat(c.call("MSETNX", tagged(100, "x"), "1", tagged(100, "y"), "2")).isEqualTo(":1\r\n");
            assertThat(c.call("BITOP", "OR", tagged(100, "or"), a, b)).isEqualTo(":1\r\n");
            assertThat(c.call("MGET", a, b, tagged(100, "y"), tagged(100, "or"))).isEqualTo("*4\r\n$1\r\nv\r\n$1\r\nv\r\n$1\r\n2\r\n$1\r\nv\r\n");
        }
        try (Jedis owner = new Jedis("127.0.0.1", SERVERS.get(100 % 4).port())) {
            assertThat(owner.mget(a, b, tagged(100, "x"), tagged(100, "or"))).containsExactly("v", "v", "1", "v");
        }
    }

    @Test
    void keysOfSlotsOnDifferentBackendsGetCrossSlotAndNothingRuns() {
        String a = tagged(200, "a"); // server 0
        String b = tagged(201, "b"); // server 1
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("SET", a, "v")).isEqualTo("+OK\r\n");
            assertThat(c.call("SADD", tagged(200, "s"), "1")).isEqualTo(":1\r\n");
            List<String[]> refused = List.of(
                    new String[] {"RENAME", a, b},
                    new String[] {"RENAMENX", a, b},
                    new String[] {"COPY", a, b},
                    new String[] {"MSETNX", a, "1", b, "2"},
                    new String[] {"BITOP", "AND", b, a},
                    new String[] {"SMOVE", tagged(200, "s"), b, "1"},
                    new String[] {"LMOVE", a, b, "LEFT", "RIGHT"},
                    new String[] {"SINTERSTORE", b, tagged(200, "s")},
                    new String[] {"SUNION", tagged(200, "s"), b},
                    new String[] {"ZUNIONSTORE", a, "2", a, b},
                    new String[] {"ZINTERCARD", "2", a, b},
                    new String[] {"LMPOP", "2", a, b, "LEFT"},
                    new String[] {"SORT", a, "STORE", b},
                    new String[] {"PFMERGE", b, a},
                    new String[] {"PFCOUNT", a, b},
                    new String[] {"GEOSEARCHSTORE", b, a, "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km"},
                    new String[] {"EVAL", "return 1", "2", a, b});
            for (String[] request : refused) {
                assertThat(c.call(request)).as(String.join(" ", request)).isEqualTo(CROSSSLOT);
            }
            assertThat(c.call("MGET", a, b)).isEqualTo("*2\r\n$1\r\nv\r\n$-1\r\n");
            assertThat(c.call("SMEMBERS", tagged(200, "s"))).isEqualTo("*1\r\n$1\r\n1\r\n");
        }
        assertThat(proxy.plane.stats().ops().commands()).filteredOn(s -> s.opstr().equals("RENAMENX")).first()
                .satisfies(s -> assertThat(s.fails()).isPositive());
    }

    @Test
    void keysOfSlotsOfOneBackendAreForwardedAsTheOriginalDid() {
        String a = tagged(300, "a");
        String b = tagged(304, "b");
        assertThat(SlotHash.slotOf(a) % 4).isEqualTo(SlotHash.slotOf(b) % 4);
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("SADD", a, "1", "2")).isEqualTo(":2\r\n");
            assertThat(c.call("SADD", b, "2", "3")).isEqualTo(":2\r\n");
            assertThat(c.call("SINTER", a, b)).isEqualTo("*1\r\n$1\r\n2\r\n");
            assertThat(c.call("RENAME", a, tagged(308, "c"))).isEqualTo("+OK\r\n");
            assertThat(c.call("SCARD", tagged(308, "c"))).isEqualTo(":2\r\n");
        }
    }

    @Test
    void aKeyOfASlotBeingFilledWaitsForTheFill() throws Exception {
        String a = tagged(400, "a");
        String b = tagged(404, "b");
        String server = SERVERS.get(0).addr();
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("SET", a, "v")).isEqualTo("+OK\r\n");
            proxy.plane.router().fillSlots(List.of(ProxyFixture.slot(404, server, true)));
            c.sendBytes(RawClient.encode("RENAME", a, b));
            var reply = java.util.concurrent.CompletableFuture.supplyAsync(c::readReply);
            Thread.sleep(200);
            assertThat(reply).as("held while slot 404 is locked").isNotDone();
            proxy.plane.router().fillSlots(List.of(ProxyFixture.slot(404, server, false)));
            assertThat(reply.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("+OK\r\n");
            assertThat(c.call("GET", b)).isEqualTo("$1\r\nv\r\n");
        }
    }

    @Test
    void onlySomeSubcommandsOfObjectMemoryAndClientAreAllowed() {
        try (RawClient c = proxy.raw()) {
            assertThat(c.call("SET", "sub:k", "12345678901234567890")).isEqualTo("+OK\r\n");
            assertThat(c.call("object", "encoding", "sub:k")).isEqualTo("$6\r\nembstr\r\n");
            assertThat(c.call("MEMORY", "USAGE", "sub:k")).startsWith(":");
            assertThat(c.call("MEMORY", "doctor")).isEqualTo("-ERR handle request, command 'MEMORY DOCTOR' is not allowed\r\n");
            assertThat(c.call("OBJECT", "HELP")).isEqualTo("-ERR handle request, command 'OBJECT HELP' is not allowed\r\n");
            assertThat(c.call("CLIENT", "KILL", "127.0.0.1:1")).isEqualTo("-ERR handle request, command 'CLIENT KILL' is not allowed\r\n");
            assertThat(c.call("CLIENT")).isEqualTo("-ERR handle request, command 'CLIENT' is not allowed\r\n");
        }
    }
}
