package io.codis.common.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.codis.common.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ModelJsonTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "topom.json, io.codis.common.model.Topom",
            "proxy.json, io.codis.common.model.Proxy",
            "group.json, io.codis.common.model.Group",
            "slot-mapping-8.json, io.codis.common.model.SlotMapping",
            "slot-mapping-9.json, io.codis.common.model.SlotMapping",
            "slot-9.json, io.codis.common.model.Slot",
            "sentinel.json, io.codis.common.model.Sentinel",
            "jodis.json, io.codis.common.model.JodisNode"})
    void referenceExamplesRoundTripByteForByte(String file, Class<?> type) throws IOException {
        String reference = resource(file);

        Object model = JsonCodec.read(reference, type);

        assertThat(JsonCodec.pretty(model)).isEqualTo(reference);
    }

    @Test
    void groupExampleDecodesIntoItsFields() throws IOException {
        Group group = JsonCodec.read(resource("group.json"), Group.class);

        assertThat(group.id()).isEqualTo(1);
        assertThat(group.servers()).extracting(GroupServer::addr)
                .containsExactly("10.2.16.201:6379", "10.2.16.202:6379", "10.2.16.203:6379");
        assertThat(group.servers().get(0).action()).isEqualTo(ServerSyncAction.NONE);
        assertThat(group.servers().get(1).action().state()).isEqualTo(ActionState.SYNCED);
        assertThat(group.servers().get(1).replicaGroup()).isTrue();
        assertThat(group.servers().get(2).action()).isEqualTo(new ServerSyncAction(3, ActionState.PENDING));
        assertThat(group.promoting()).isEqualTo(GroupPromoting.NONE);
    }

    @Test
    void newGroupIsWrittenWithAnEmptyServerArrayAndEmptyPromoting() {
        assertThat(JsonCodec.pretty(Group.create(5))).isEqualTo("""
                {
                    "id": 5,
                    "servers": [],
                    "promoting": {},
                    "out_of_sync": false
                }""");
    }

    @Test
    void nullOrMissingFieldsReadAsZeroValues() {
        Group group = JsonCodec.read("{\"id\": 2, \"servers\": null}", Group.class);
        assertThat(group).isEqualTo(Group.create(2));

        GroupServer server = JsonCodec.read("{\"server\": \"h:1\", \"action\": null}", GroupServer.class);
        assertThat(server).isEqualTo(GroupServer.of("h:1", ""));

        SlotMapping slot = JsonCodec.read("{\"id\": 7}", SlotMapping.class);
        assertThat(slot).isEqualTo(SlotMapping.offline(7));

        Topom topom = JsonCodec.read("{}", Topom.class);
        assertThat(topom.token()).isEmpty();
        assertThat(topom.pid()).isZero();

        assertThat(JsonCodec.read("{}", Sentinel.class)).isEqualTo(Sentinel.NONE);
        assertThat(JsonCodec.read("{\"servers\": null}", Sentinel.class).servers()).isEmpty();
    }

    @Test
    void unknownFieldsAreIgnored() {
        SlotMapping slot = JsonCodec.read(
                "{\"id\": 3, \"group_id\": 1, \"future\": {\"x\": [1]}, \"action\": {\"state\": \"pending\", \"extra\": 1}}",
                SlotMapping.class);

        assertThat(slot.groupId()).isEqualTo(1);
        assertThat(slot.action().state()).isEqualTo(ActionState.PENDING);
    }

    @Test
    void proxyIdIsOmittedWhenZeroAndJodisPathWhenEmpty() throws IOException {
        Proxy stored = JsonCodec.read(resource("proxy.json"), Proxy.class);
        Proxy own = stored.withId(0);
        Proxy withoutJodis = new Proxy(0, "t", "s", "a", "tcp4", "p", "", "demo", 1, "/", "Linux", "h", "");

        assertThat(JsonCodec.pretty(own)).doesNotContain("\"id\"").contains("\"jodis_path\"");
        assertThat(JsonCodec.compact(withoutJodis)).isEqualTo(
                "{\"token\":\"t\",\"start_time\":\"s\",\"admin_addr\":\"a\",\"proto_type\":\"tcp4\",\"proxy_addr\":\"p\","
                        + "\"product_name\":\"demo\",\"pid\":1,\"pwd\":\"/\",\"sys\":\"Linux\",\"hostname\":\"h\",\"datacenter\":\"\"}");
        assertThat(JsonCodec.read(JsonCodec.pretty(own), Proxy.class).id()).isZero();
    }

    @Test
    void sentinelKeepsOutOfSyncFalseButOmitsEmptyServers() {
        assertThat(JsonCodec.pretty(Sentinel.NONE)).isEqualTo("""
                {
                    "out_of_sync": false
                }""");
    }

    @Test
    void unfilledSlotIsOnlyItsIdAndSlotZeroKeepsIt() {
        assertThat(JsonCodec.compact(Slot.unfilled(0))).isEqualTo("{\"id\":0}");
        assertThat(JsonCodec.compact(Slot.unfilled(1).withLocked(true))).isEqualTo("{\"id\":1,\"locked\":true}");
    }

    @Test
    void slotReplicaGroupsAreNestedArrays() {
        Slot slot = new Slot(4, false, "m:1", 1, "", 0, Slot.FORWARD_SYNC,
                List.of(List.of("r1:1", "r2:1"), List.of("r3:1")));

        assertThat(JsonCodec.pretty(slot)).isEqualTo("""
                {
                    "id": 4,
                    "backend_addr": "m:1",
                    "backend_addr_group_id": 1,
                    "replica_groups": [
                        [
                            "r1:1",
                            "r2:1"
                        ],
                        [
                            "r3:1"
                        ]
                    ]
                }""");
        assertThat(JsonCodec.read(JsonCodec.pretty(slot), Slot.class)).isEqualTo(slot);
    }

    @Test
    void slotArraysDecodeAsTheFillslotsBody() {
        List<Slot> slots = JsonCodec.read("[{\"id\": 0, \"locked\": true}, {\"id\": 1, \"backend_addr\": \"a:1\"}]",
                new TypeReference<List<Slot>>() { });

        assertThat(slots).containsExactly(Slot.unfilled(0).withLocked(true),
                new Slot(1, false, "a:1", 0, "", 0, 0, List.of()));
    }

    @Test
    void slotActionOmitsEveryEmptyField() {
        assertThat(JsonCodec.compact(SlotMapping.assigned(1, 2).withAction(SlotAction.pending(4, 3))))
                .isEqualTo("{\"id\":1,\"group_id\":2,\"action\":{\"index\":4,\"state\":\"pending\",\"target_id\":3}}");
        assertThat(JsonCodec.compact(SlotMapping.assigned(1, 2).withAction(new SlotAction(0, "", 3))))
                .isEqualTo("{\"id\":1,\"group_id\":2,\"action\":{\"target_id\":3}}");
    }

    @Test
    void promotingShowsIndexAndState() {
        Group group = Group.create(1).withPromoting(new GroupPromoting(2, ActionState.PREPARED));

        assertThat(JsonCodec.compact(group))
                .isEqualTo("{\"id\":1,\"servers\":[],\"promoting\":{\"index\":2,\"state\":\"prepared\"},\"out_of_sync\":false}");
    }

    @Test
    void jodisNodeIsBuiltFromTheProxyModelWithSortedKeys() throws IOException {
        Proxy proxy = JsonCodec.read(resource("proxy.json"), Proxy.class);

        assertThat(JsonCodec.pretty(JodisNode.online(proxy))).isEqualTo(resource("jodis.json"));
    }

    @Test
    void modelsCopyTheirListsSoCallersCannotChangeThem() {
        java.util.ArrayList<String> servers = new java.util.ArrayList<>(List.of("a:1"));
        Sentinel sentinel = Sentinel.NONE.withServers(servers);
        servers.add("b:1");

        assertThat(sentinel.servers()).containsExactly("a:1");
    }

    @Test
    void actionStateStringsAreTheOriginalOnes() {
        assertThat(List.of(ActionState.NOTHING, ActionState.PENDING, ActionState.PREPARING, ActionState.PREPARED,
                ActionState.MIGRATING, ActionState.FINISHED, ActionState.SYNCING, ActionState.SYNCED,
                ActionState.SYNCED_FAILED))
                .containsExactly("", "pending", "preparing", "prepared", "migrating", "finished", "syncing", "synced",
                        "synced_failed");
        assertThat(ActionState.isNothing(null)).isTrue();
        assertThat(ActionState.isNothing("pending")).isFalse();
    }

    @Test
    void dashboardListRoundTripsByteForByte() throws IOException {
        String reference = resource("dashboard-list.json");

        List<ProductDashboard> list = JsonCodec.read(reference, new TypeReference<List<ProductDashboard>>() { });

        assertThat(list).containsExactly(new ProductDashboard("codis-demo", "10.2.16.100:18080"),
                new ProductDashboard("codis-demo2", ""));
        assertThat(JsonCodec.pretty(list)).isEqualTo(reference);
        assertThat(JsonCodec.pretty(List.<ProductDashboard>of())).isEqualTo("[]");
    }

    @Test
    void startTimeIsGoTimeText() {
        java.time.ZonedDateTime shanghai = java.time.ZonedDateTime.of(2017, 4, 8, 15, 16, 57, 581325765,
                java.time.ZoneId.of("Asia/Shanghai"));
        java.time.ZonedDateTime utc = java.time.ZonedDateTime.of(2017, 4, 8, 7, 16, 57, 500000000, java.time.ZoneOffset.UTC);

        assertThat(StartTime.format(shanghai)).isEqualTo("2017-04-08 15:16:57.581325765 +0800 CST");
        assertThat(StartTime.format(utc)).isEqualTo("2017-04-08 07:16:57.5 +0000 UTC");
        assertThat(StartTime.format(utc.withNano(0))).isEqualTo("2017-04-08 07:16:57 +0000 UTC");
        assertThat(StartTime.format(utc.withZoneSameInstant(java.time.ZoneOffset.ofHours(8))))
                .isEqualTo("2017-04-08 15:16:57.5 +0800 +0800");
        assertThat(StartTime.now()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d+)? [+-]\\d{4} .+");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ModelJsonTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
