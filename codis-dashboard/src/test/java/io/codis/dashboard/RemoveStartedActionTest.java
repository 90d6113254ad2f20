package io.codis.dashboard;

import static io.codis.common.testkit.SlotKeys.keyIn;
import static io.codis.dashboard.Cluster.doneIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.coordinator.CodisPaths;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.Slot;
import io.codis.common.testkit.Await;
import io.codis.proxy.ProxyServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The way out of a started slot action, with real Redis (group 1 the source, group 2 the target) and
 * two real proxies: a slot stopped by a key with a different copy on each side is retried by itself
 * once the operator deletes one copy, and removing its action (or that of a slot in the middle of its
 * move) moves it back to the source, where every key is read with its last value and the target keeps
 * only the copy it had before.
 */
class RemoveStartedActionTest extends TwoRedisClusterTest {
    private static final int SID = 8;
    private static final int KEYS = 40;
    private static final String SPLIT = keyIn(SID, 999);

    private ProxyServer writer;
    private ProxyServer reader;

    private Cluster twoGroupsTwoProxies(Cluster c) {
        c.ok("group/create/1");
        c.ok("group/add/1/" + redis1.addr());
        c.ok("group/create/2");
        c.ok("group/add/2/" + redis2.addr());
        c.ok("slots/assign", "[{\"id\": " + SID + ", \"group_id\": 1, \"action\": {}}]");
        writer = c.startProxy();
        reader = c.startProxy();
        c.ok("proxy/create/" + Cluster.adminAddr(writer));
        c.ok("proxy/create/" + Cluster.adminAddr(reader));
        return c;
    }

    /** {@value #KEYS} keys of the slot on the source, and {@link #SPLIT} on both sides, different. */
    private static Map<String, String> keysWithASplitOne() {
        Map<String, String> values = new LinkedHashMap<>();
        try (Jedis source = new Jedis("127.0.0.1", redis1.port()); Jedis target = new Jedis("127.0.0.1", redis2.port())) {
            for (int i = 0; i < KEYS; i++) {
                source.set(keyIn(SID, i), "v" + i);
                values.put(keyIn(SID, i), "v" + i);
            }
            source.set(SPLIT, "served");
            target.set(SPLIT, "older");
        }
        return values;
    }

    private static String awaitStopped(Cluster c) {
        return Await.until("the slot to stop on the split key", () -> c.stats().at("/slot_action/progress/status").textValue(),
                s -> s.startsWith("[ERROR]"));
    }

    /** Writes half of the keys and five new ones through the writer; the keys now move on access. */
    private void writeThroughAProxy(Map<String, String> values) {
        try (Jedis client = Cluster.client(writer)) {
            for (int i = 0; i < KEYS; i += 2) {
                assertThat(client.set(keyIn(SID, i), "w" + i)).isEqualTo("OK");
                values.put(keyIn(SID, i), "w" + i);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(client.set(keyIn(SID, 500 + i), "new" + i)).isEqualTo("OK");
                values.put(keyIn(SID, 500 + i), "new" + i);
            }
        }
    }

    private void assertReadThroughTheOtherProxy(Map<String, String> values) {
        try (Jedis client = Cluster.client(reader)) {
            values.forEach((key, value) -> assertThat(client.get(key)).as(key).isEqualTo(value));
        }
    }

    private void assertEveryProxyRoutesTo(String backend) {
        for (ProxyServer proxy : List.of(writer, reader)) {
            Slot slot = proxy.proxy().slots().get(SID);
            assertThat(slot.backendAddr()).isEqualTo(backend);
            assertThat(slot.migrateFrom()).isEmpty();
            assertThat(slot.locked()).isFalse();
        }
    }

    @Test
    void aSlotStoppedOnASplitKeyIsRetriedByItselfOnceTheOperatorDeletesOneCopy() throws Exception {
        Cluster c = twoGroupsTwoProxies(cluster("codis-retry").online());
        Map<String, String> values = keysWithASplitOne();
        c.ok("slots/action/create/" + SID + "/2");

        assertThat(awaitStopped(c)).isEqualTo("[ERROR] Slot[0008]: key '" + SPLIT + "' exists on both " + redis1.addr()
                + " and " + redis2.addr() + " with different values; delete the wrong copy and the migration goes on by itself");
        writeThroughAProxy(values);
        assertReadThroughTheOtherProxy(values);
        try (Jedis client = Cluster.client(reader)) {
            assertThatThrownBy(() -> client.get(SPLIT)).isInstanceOf(JedisDataException.class).hasMessageContaining("BUSYKEY");
        }
        try (Jedis target = new Jedis("127.0.0.1", redis2.port())) {
            target.del(SPLIT);
        }
        values.put(SPLIT, "served");

        c.awaitSlot(SID, doneIn(2));
        assertReadThroughTheOtherProxy(values);
        assertEveryProxyRoutesTo(redis2.addr());
        try (Jedis source = new Jedis("127.0.0.1", redis1.port()); Jedis target = new Jedis("127.0.0.1", redis2.port())) {
            assertThat(source.dbSize()).isZero();
            assertThat(target.dbSize()).isEqualTo(values.size());
        }
        Await.until("the progress to clear", () -> c.stats().at("/slot_action/progress/status").textValue(), String::isEmpty);
    }

    @Test
    void removingTheActionOfAStoppedSlotMovesItBackAndTheTargetKeepsOnlyItsOlderCopy() throws Exception {
        Cluster c = cluster("codis-remove");
        RecordingCoordinator recording = new RecordingCoordinator(c.openCoordinator(), CodisPaths.slot("codis-remove", SID));
        c.startDashboard(null, recording).goOnline(1, Duration.ofMillis(10));
        twoGroupsTwoProxies(c);
        Map<String, String> values = keysWithASplitOne();
        c.ok("slots/action/create/" + SID + "/2");
        awaitStopped(c);
        writeThroughAProxy(values);
        int before = recording.writes().size();

        c.ok("slots/action/remove/" + SID);

        c.awaitSlot(SID, doneIn(1));
        values.put(SPLIT, "served");
        assertReadThroughTheOtherProxy(values);
        assertEveryProxyRoutesTo(redis1.addr());
        try (Jedis source = new Jedis("127.0.0.1", redis1.port()); Jedis target = new Jedis("127.0.0.1", redis2.port())) {
            assertThat(source.dbSize()).isEqualTo(values.size());
            assertThat(target.keys("*")).containsExactly(SPLIT);
            assertThat(target.get(SPLIT)).isEqualTo("older");
        }
        List<String> steps = recording.writes().subList(before, recording.writes().size()).stream()
                .map(json -> JsonCodec.readTree(json.getBytes()))
                .map(RemoveStartedActionTest::step).toList();
        assertThat(steps).containsExactly("group-1 prepared to 2", "group-2 prepared to 1", "group-2 migrating to 1",
                "group-2 finished to 1", "group-1");
        Await.until("the progress to clear", () -> c.stats().at("/slot_action/progress/status").textValue(), String::isEmpty);
    }

    @Test
    void aMoveBackStopsOnASplitKeyItDidNotKnowOfAndBothCopiesStay() throws Exception {
        Cluster c = twoGroupsTwoProxies(cluster("codis-back-split").online());
        Map<String, String> values = keysWithASplitOne();
        c.ok("slots/action/create/" + SID + "/2");
        awaitStopped(c);
        c.ok("slots/action/disabled/1"); // no pass runs while a copy is planted on the source
        String planted;
        try (Jedis source = new Jedis("127.0.0.1", redis1.port()); Jedis target = new Jedis("127.0.0.1", redis2.port())) {
            planted = values.keySet().stream().filter(k -> target.exists(k) && !source.exists(k)).findFirst().orElseThrow();
            source.set(planted, "written behind the proxies' back");
        }

        c.ok("slots/action/remove/" + SID);
        c.ok("slots/action/disabled/0");

        String status = Await.until("the move back to stop on the planted key",
                () -> c.stats().at("/slot_action/progress/status").textValue(), s -> s.contains("'" + planted + "'"));
        assertThat(status).isEqualTo("[ERROR] Slot[0008]: key '" + planted + "' exists on both " + redis2.addr() + " and "
                + redis1.addr() + " with different values; delete the wrong copy and the migration goes on by itself");
        assertThat(c.stored(CodisPaths.slot("codis-back-split", SID)).at("/group_id").intValue()).isEqualTo(2);
        try (Jedis source = new Jedis("127.0.0.1", redis1.port()); Jedis target = new Jedis("127.0.0.1", redis2.port())) {
            assertThat(source.get(planted)).isEqualTo("written behind the proxies' back");
            assertThat(target.get(planted)).isEqualTo(values.get(planted));
            source.del(planted);
        }
        c.awaitSlot(SID, doneIn(1));
        values.put(SPLIT, "served");
        assertReadThroughTheOtherProxy(values);
        try (Jedis target = new Jedis("127.0.0.1", redis2.port())) {
            assertThat(target.keys("*")).containsExactly(SPLIT);
        }
    }

    private static String step(JsonNode slot) {
        JsonNode action = slot.path("action");
        return "group-" + slot.get("group_id").intValue()
                + (action.isEmpty() ? "" : " " + action.get("state").textValue() + " to " + action.get("target_id").intValue());
    }

    @Test
    void removingTheActionOfASlotInTheMiddleOfItsMoveStopsThePassAndMovesItBack() throws Exception {
        Cluster c = twoGroupsTwoProxies(cluster("codis-midway", "migration_async_numkeys = 5\n").online());
        Map<String, String> values = new LinkedHashMap<>();
        try (Jedis source = new Jedis("127.0.0.1", redis1.port())) {
            for (int i = 0; i < KEYS; i++) {
                source.set(keyIn(SID, i), "v" + i);
                values.put(keyIn(SID, i), "v" + i);
            }
        }
        c.ok("slots/action/interval/1000000"); // one batch of five keys a second
        c.ok("slots/action/create/" + SID + "/2");
        Await.until("the first keys to move", () -> c.stats().at("/slot_action/migration/keys_moved").asLong(), n -> n > 0);
        writeThroughAProxy(values);

        c.ok("slots/action/remove/" + SID);

        c.ok("slots/action/interval/0");
        c.awaitSlot(SID, doneIn(1));
        assertReadThroughTheOtherProxy(values);
        assertEveryProxyRoutesTo(redis1.addr());
        try (Jedis source = new Jedis("127.0.0.1", redis1.port()); Jedis target = new Jedis("127.0.0.1", redis2.port())) {
            assertThat(source.dbSize()).isEqualTo(values.size());
            assertThat(target.dbSize()).isZero();
        }
    }

    @Test
    void theStartedActionOfAnOfflineSlotIsNotRemovedAndSaysWhy() throws Exception {
        BlockingMigrator blocked = new BlockingMigrator();
        Cluster c = cluster("codis-offline").online(blocked);
        c.ok("group/create/2");
        c.ok("group/add/2/" + redis2.addr());
        c.ok("slots/action/create/3/2");
        blocked.entered.await();
        var response = c.put("slots/action/remove/3");
        assertThat(response.statusCode()).isEqualTo(800);
        assertThat(JsonCodec.readTree(response.body().getBytes()).get("Cause").textValue()).isEqualTo("slot-[3] action"
                + " isn't pending: the slot was offline and may have keys on group-[2] already; it completes by itself");
        blocked.release.countDown();
        c.awaitSlot(3, doneIn(2));
    }
}
