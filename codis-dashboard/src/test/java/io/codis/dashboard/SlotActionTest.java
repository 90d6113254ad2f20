package io.codis.dashboard;

import static io.codis.common.testkit.SlotKeys.keyIn;
import static io.codis.dashboard.Cluster.doneIn;
import static io.codis.dashboard.Cluster.inState;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.coordinator.CodisPaths;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.Slot;
import io.codis.common.model.SlotAction;
import io.codis.common.model.SlotMapping;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.RedisServer;
import io.codis.proxy.ProxyServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Slot actions driven by the dashboard's loop through every state, with a real proxy and real Redis. */
class SlotActionTest extends TwoRedisClusterTest {

    private static void setUpGroups(Cluster c) {
        c.ok("group/create/1");
        c.ok("group/add/1/" + redis1.addr());
        c.ok("group/create/2");
        c.ok("group/add/2/" + redis2.addr());
    }

    @Test
    void anOfflineSlotGoesThroughEveryStateAndTheProxyFollows() throws Exception {
        Cluster c = cluster("codis-action");
        Coordinator real = c.openCoordinator();
        RecordingCoordinator recording = new RecordingCoordinator(real, CodisPaths.slot("codis-action", 3));
        BlockingMigrator migrator = new BlockingMigrator();
        c.startDashboard(migrator, recording).goOnline(1, java.time.Duration.ofMillis(10));
        setUpGroups(c);
        ProxyServer proxy = c.startProxy();
        c.ok("proxy/create/" + Cluster.adminAddr(proxy));
        c.ok("slots/action/create/3/1");

        migrator.entered.await();
        // while the keys move: stored migrating, the proxy forwards to the target, unlocked
        JsonNode migrating = c.awaitSlot(3, inState("migrating"));
        assertThat(migrating.at("/action/target_id").intValue()).isEqualTo(1);
        Slot seen = proxy.proxy().slots().get(3);
        assertThat(seen.locked()).isFalse();
        assertThat(seen.backendAddr()).isEqualTo(redis1.addr());
        assertThat(seen.migrateFrom()).isEmpty();
        assertThat(c.stats().at("/slot_action/executor").intValue()).isEqualTo(1);
        migrator.release.countDown();

        c.awaitSlot(3, doneIn(1));
        List<String> states = recording.writes().stream()
                .map(json -> JsonCodec.readTree(json.getBytes()).path("action").path("state").asText(""))
                .toList();
        assertThat(states).containsExactly("pending", "preparing", "prepared", "migrating", "finished", "");
        assertThat(recording.writes().get(2)).isEqualTo("""
                {
                    "id": 3,
                    "group_id": 0,
                    "action": {
                        "index": 1,
                        "state": "prepared",
                        "target_id": 1
                    }
                }""");
        assertThat(proxy.proxy().slots().get(3).backendAddr()).isEqualTo(redis1.addr());
        assertThat(proxy.proxy().slots().get(3).locked()).isFalse();
        String key = keyIn(3);
        try (Jedis client = Cluster.client(proxy);
                Jedis master = new Jedis("127.0.0.1", redis1.port())) {
            assertThat(client.set(key, "moved")).isEqualTo("OK");
            assertThat(master.get(key)).isEqualTo("moved");
        }
        Await.until("no slot action executing", () -> c.stats().at("/slot_action/executor").intValue(), n -> n == 0);
    }

    @Test
    void aLiveSourceWithoutKeysIsDoneAndTheKeysOfOneWithKeysMoveToTheTarget() throws Exception {
        Cluster c = cluster("codis-live").online();
        setUpGroups(c);
        c.ok("slots/assign", "[{\"id\": 7, \"group_id\": 1, \"action\": {}}, {\"id\": 8, \"group_id\": 1, \"action\": {}}]");
        try (Jedis master = new Jedis("127.0.0.1", redis1.port())) {
            for (int i = 0; i < 50; i++) {
                master.set(keyIn(8, i), "value-" + i);
            }
            master.set(keyIn(9), "other slot");
        }
        c.ok("slots/action/create/7/2");
        c.awaitSlot(7, doneIn(2));

        c.ok("slots/action/create/8/2");
        c.awaitSlot(8, doneIn(2));
        try (Jedis source = new Jedis("127.0.0.1", redis1.port());
                Jedis target = new Jedis("127.0.0.1", redis2.port())) {
            for (int i = 0; i < 50; i++) {
                assertThat(target.get(keyIn(8, i))).isEqualTo("value-" + i);
                assertThat(source.exists(keyIn(8, i))).isFalse();
            }
            assertThat(source.get(keyIn(9))).isEqualTo("other slot");
            assertThat(target.exists(keyIn(9))).isFalse();
        }
        JsonNode migration = c.stats().at("/slot_action/migration");
        assertThat(migration.at("/keys_moved").longValue()).isEqualTo(50);
        assertThat(migration.at("/bytes_moved").longValue()).isPositive();
        assertThat(migration.at("/slots").size()).isZero();
        assertThat(c.stats().at("/slot_action/progress/status").textValue()).isEmpty();
    }

    @Test
    void whileAGoProxyIsRegisteredALiveGroupsSlotIsRefusedBeforeTheBarrier() throws Exception {
        Cluster c = cluster("codis-goproxy").online();
        setUpGroups(c);
        c.ok("slots/assign", "[{\"id\": 8, \"group_id\": 1, \"action\": {}}]");
        try (Jedis master = new Jedis("127.0.0.1", redis1.port())) {
            master.set(keyIn(8), "stays");
        }
        try (GoProxyStandIn go = new GoProxyStandIn("codis-goproxy")) {
            c.ok("proxy/create/" + go.adminAddr());
            c.ok("slots/action/create/8/2");
            c.ok("slots/action/create/100/2");
            c.awaitSlot(100, doneIn(2));
            String status = Await.until("the refusal in the progress",
                    () -> c.stats().at("/slot_action/progress/status").textValue(), s -> s.startsWith("[ERROR]"));
            assertThat(status).isEqualTo("[ERROR] Slot[0008]: proxy-[" + go.model.token() + "] at " + go.adminAddr()
                    + " is a Codis (Go) proxy, which cannot serve a slot migrating between live groups on stock Redis;"
                    + " remove it before moving slots of a live group");
            assertThat(c.stored(CodisPaths.slot("codis-goproxy", 8)).at("/action/state").textValue()).isEqualTo("pending");
            c.ok("proxy/remove/" + go.model.token() + "/1");
        }
        c.awaitSlot(8, doneIn(2));
        try (Jedis target = new Jedis("127.0.0.1", redis2.port())) {
            assertThat(target.get(keyIn(8))).isEqualTo("stays");
        }
    }

    @Test
    void aSourceRestartedMidMoveStopsTheSlotWithAnErrorAndItResumesWhenItIsBack() throws Exception {
        try (RedisServer source = RedisServer.builder().persistence(true).start()) {
            Cluster c = cluster("codis-restart", "migration_async_numkeys = 5\n").online();
            c.ok("group/create/1");
            c.ok("group/add/1/" + source.addr());
            c.ok("group/create/2");
            c.ok("group/add/2/" + redis2.addr());
            c.ok("slots/assign", "[{\"id\": 9, \"group_id\": 1, \"action\": {}}]");
            try (Jedis master = new Jedis("127.0.0.1", source.port())) {
                for (int i = 0; i < 40; i++) {
                    master.set(keyIn(9, i), "v" + i);
                }
            }
            c.ok("slots/action/interval/1000000"); // one batch a second
            c.ok("slots/action/create/9/2");
            Await.until("the first keys to move", () -> c.stats().at("/slot_action/migration/keys_moved").asLong(),
                    n -> n > 0);
            source.stop();
            String status = Await.until("the error in the progress",
                    () -> c.stats().at("/slot_action/progress/status").textValue(), s -> s.startsWith("[ERROR]"));
            assertThat(status).startsWith("[ERROR] Slot[0009]: ").contains(source.addr());
            assertThat(c.stored(CodisPaths.slot("codis-restart", 9)).at("/action/state").textValue()).isEqualTo("migrating");
            source.restart();
            c.ok("slots/action/interval/0");
            c.awaitSlot(9, doneIn(2));
            try (Jedis target = new Jedis("127.0.0.1", redis2.port());
                    Jedis restarted = new Jedis("127.0.0.1", source.port())) {
                for (int i = 0; i < 40; i++) {
                    assertThat(target.get(keyIn(9, i))).isEqualTo("v" + i);
                }
                assertThat(restarted.dbSize()).isZero();
            }
        }
    }

    private Cluster send(Cluster c, String route) {
        c.ok(route);
        return c;
    }

    @Test
    void aRestartedDashboardResumesActionsFromTheStore() throws Exception {
        Cluster first = cluster("codis-resume");
        BlockingMigrator blocked = new BlockingMigrator();
        first.online(blocked);
        setUpGroups(first);
        send(first, "slots/action/create/5/2");
        blocked.entered.await();
        first.awaitSlot(5, inState("migrating"));
        first.server.close(); // the migration is interrupted; the store keeps "migrating"
        assertThat(first.stored(CodisPaths.topom("codis-resume"))).isNull();
        assertThat(first.stored(CodisPaths.slot("codis-resume", 5)).at("/action/state").textValue()).isEqualTo("migrating");

        // as if a dashboard died right after storing "prepared" for slot 6 and "finished" for slot 10
        try (Coordinator store = first.openCoordinator()) {
            store.update(CodisPaths.slot("codis-resume", 6),
                    JsonCodec.prettyBytes(new SlotMapping(6, 0, new SlotAction(2, "prepared", 1))));
            store.update(CodisPaths.slot("codis-resume", 10),
                    JsonCodec.prettyBytes(new SlotMapping(10, 0, new SlotAction(3, "finished", 2))));
        }
        Cluster second = cluster("codis-resume").online();
        ProxyServer proxy = second.startProxy();
        second.ok("proxy/create/" + Cluster.adminAddr(proxy));
        second.awaitSlot(5, doneIn(2));
        second.awaitSlot(6, doneIn(1));
        second.awaitSlot(10, doneIn(2));
        assertThat(proxy.proxy().slots().get(5).backendAddr()).isEqualTo(redis2.addr());
        assertThat(proxy.proxy().slots().get(6).backendAddr()).isEqualTo(redis1.addr());
    }
}
