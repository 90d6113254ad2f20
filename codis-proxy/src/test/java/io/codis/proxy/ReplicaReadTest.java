package io.codis.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.model.Slot;
import io.codis.common.slot.SlotHash;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.FreePorts;
import io.codis.common.testkit.RedisServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Reads go to replica groups (read-only commands only); data-stale replicas are skipped. */
class ReplicaReadTest {

    static void fillWithReplicas(ProxyFixture proxy, String master, List<List<String>> groups) {
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < SlotHash.SLOT_COUNT; i++) {
            slots.add(new Slot(i, false, master, 1, "", 0, Slot.FORWARD_SYNC, groups));
        }
        proxy.plane.router().fillSlots(slots);
    }

    @Test
    void readOnlyCommandsUseTheReplicaWritesTheMaster() {
        try (RedisServer master = RedisServer.start(); RedisServer replica = RedisServer.start();
                ProxyFixture proxy = ProxyFixture.start("").online();
                RawClient c = proxy.raw()) {
            fillWithReplicas(proxy, master.addr(), List.of(List.of(replica.addr())));
            try (Jedis m = new Jedis("127.0.0.1", master.port()); Jedis r = new Jedis("127.0.0.1", replica.port())) {
                m.set("rr:k", "from-master");
                r.set("rr:k", "from-replica");
            }
            Await.until("GET read from the replica", () -> c.call("GET", "rr:k"), "$12\r\nfrom-replica\r\n"::equals);
            assertThat(c.call("SET", "rr:w", "x")).isEqualTo("+OK\r\n");
            try (Jedis m = new Jedis("127.0.0.1", master.port())) {
                assertThat(m.get("rr:w")).isEqualTo("x");
            }
        }
    }

    @Test
    void aRefillDecidesWhereReadsGoEachTime() {
        try (RedisServer master = RedisServer.start(); RedisServer replica = RedisServer.start();
                RedisServer source = RedisServer.start();
                ProxyFixture proxy = ProxyFixture.start("").online();
                RawClient c = proxy.raw()) {
            try (Jedis m = new Jedis("127.0.0.1", master.port()); Jedis r = new Jedis("127.0.0.1", replica.port())) {
                m.set("rf:k", "from-master");
                r.set("rf:k", "from-replica");
            }
            List<List<String>> replicas = List.of(List.of(replica.addr()));
            int sid = SlotHash.slotOf("rf:k");
            fillWithReplicas(proxy, master.addr(), replicas);
            Await.until("GET read from the replica", () -> c.call("GET", "rf:k"), "$12\r\nfrom-replica\r\n"::equals);

            proxy.plane.router().fillSlots(List.of(new Slot(sid, false, master.addr(), 1, source.addr(), 2,
                    Slot.FORWARD_SYNC, replicas)));
            assertThat(c.call("GET", "rf:k")).as("a slot under migration reads its master").isEqualTo("$11\r\nfrom-master\r\n");

            fillWithReplicas(proxy, master.addr(), replicas);
            Await.until("GET read from the replica", () -> c.call("GET", "rf:k"), "$12\r\nfrom-replica\r\n"::equals);

            proxy.plane.router().fillSlots(List.of(new Slot(sid, false, master.addr(), 1, "", 0, Slot.FORWARD_SYNC, List.of())));
            assertThat(c.call("GET", "rf:k")).as("no replica groups any more").isEqualTo("$11\r\nfrom-master\r\n");

            proxy.plane.router().fillSlots(List.of(new Slot(sid, false, "", 0, "", 0, Slot.FORWARD_SYNC, replicas)));
            assertThat(c.call("GET", "rf:k")).as("offline, whatever its replicas")
                    .isEqualTo("-ERR handle request, slot is not ready, may be offline\r\n");
        }
    }

    @Test
    void primaryOnlyIgnoresReplicaGroups() {
        try (RedisServer master = RedisServer.start(); RedisServer replica = RedisServer.start();
                ProxyFixture proxy = ProxyFixture.start("backend_primary_only = true").online();
                RawClient c = proxy.raw()) {
            fillWithReplicas(proxy, master.addr(), List.of(List.of(replica.addr())));
            try (Jedis m = new Jedis("127.0.0.1", master.port()); Jedis r = new Jedis("127.0.0.1", replica.port())) {
                m.set("po:k", "from-master");
                r.set("po:k", "from-replica");
            }
            for (int i = 0; i < 50; i++) {
                assertThat(c.call("GET", "po:k")).isEqualTo("$11\r\nfrom-master\r\n");
            }
        }
    }

    @Test
    void aDataStaleReplicaIsSkipped() {
        int nowhere = FreePorts.next();
        try (RedisServer master = RedisServer.start();
                RedisServer stale = RedisServer.start();
                ProxyFixture proxy = ProxyFixture.start("").online();
                RawClient c = proxy.raw()) {
            try (Jedis r = new Jedis("127.0.0.1", stale.port())) {
                r.configSet("replica-serve-stale-data", "no");
                r.replicaof("127.0.0.1", nowhere);
                r.set("x", "y");
            } catch (RuntimeException readOnlyNow) {
                // expected: a replica refuses writes
            }
            fillWithReplicas(proxy, master.addr(), List.of(List.of(stale.addr())));
            try (Jedis m = new Jedis("127.0.0.1", master.port())) {
                m.set("ds:k", "fresh");
            }
            // first reads may reach the replica and see MASTERDOWN; then the replica is data-stale and skipped
            List<String> seen = new ArrayList<>();
            Await.until("20 GETs in a row read from the master", () -> {
                String reply = c.call("GET", "ds:k");
                seen.add(reply);
                return seen.size() > 20 && seen.subList(seen.size() - 20, seen.size()).stream()
                        .allMatch(r -> r.equals("$5\r\nfresh\r\n"));
            });
            assertThat(seen).allMatch(r -> r.equals("$5\r\nfresh\r\n") || r.startsWith("-MASTERDOWN"));
        }
    }
}
