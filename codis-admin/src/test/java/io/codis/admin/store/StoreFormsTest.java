package io.codis.admin.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.admin.AdminConsole;
import io.codis.common.coordinator.CodisPaths;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.Coordinators;
import io.codis.common.testkit.EtcdServer;
import io.codis.common.testkit.TempDirs;
import io.codis.common.testkit.ZookeeperServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * codis-admin's coordinator forms against a real ZooKeeper, a real etcd (v2 API) and a directory:
 * the lines printed, the exit status and what ends up in the store.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreFormsTest {
    private static ZookeeperServer zookeeper;
    private static EtcdServer etcd;
    private static Path filesystem;
    private static Path files;
    private final AdminConsole console = new AdminConsole();

    @BeforeAll
    static void startCoordinators() {
        zookeeper = ZookeeperServer.start();
        etcd = EtcdServer.builder().enableV2().start();
        filesystem = TempDirs.create("admin-store-");
        files = TempDirs.create("admin-store-files-");
    }

    @AfterAll
    static void stopCoordinators() {
        if (zookeeper != null) {
            zookeeper.close();
        }
        if (etcd != null) {
            etcd.close();
        }
        TempDirs.delete(filesystem);
        TempDirs.delete(files);
    }

    private static String option(String kind) {
        return switch (kind) {
            case "zookeeper" -> "--zookeeper=" + zookeeper.addr();
            case "etcd" -> "--etcd=" + etcd.addr();
            default -> "--filesystem=" + filesystem;
        };
    }

    private static Coordinator open(String kind) {
        String addr = option(kind).substring(option(kind).indexOf('=') + 1);
        return Coordinators.open(kind, addr, "", Duration.ofSeconds(10));
    }

    private static void put(Coordinator client, String path, String json) {
        client.update(path, json.getBytes(StandardCharsets.UTF_8));
    }

    private static Path file(String name, String text) throws Exception {
        Path file = files.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static final String LOCK = "{\"token\": \"e7740593f9c46cdeacdd01e93bfc97b0\", \"admin_addr\": \"10.2.16.100:18080\","
            + " \"product_name\": \"codis-demo\"}";

    private static final String GROUP_1 = """
            {
                "id": 1,
                "servers": [
                    {
                        "server": "10.2.16.201:6379",
                        "datacenter": "dc1",
                        "action": {},
                        "replica_group": false
                    },
                    {
                        "server": "10.2.16.202:6379",
                        "datacenter": "dc1",
                        "action": {
                            "state": "synced"
                        },
                        "replica_group": true
                    }
                ],
                "promoting": {},
                "out_of_sync": false
            }""";

    private static final String GROUP_2 = """
            {
                "id": 2,
                "servers": [
                    {
                        "server": "10.2.16.203:6379",
                        "datacenter": "",
                        "action": {},
                        "replica_group": false
                    }
                ],
                "promoting": {},
                "out_of_sync": true
            }""";

    private static final String PROXY_1 = """
            {
                "id": 1,
                "token": "15fba3007f3c6ee0887749681cb82307",
                "start_time": "2017-04-08 15:39:36.594326834 +0800 CST",
                "admin_addr": "10.2.16.200:11080",
                "proto_type": "tcp4",
                "proxy_addr": "10.2.16.200:19000",
                "jodis_path": "/jodis/codis-demo/proxy-15fba3007f3c6ee0887749681cb82307",
                "product_name": "codis-demo",
                "pid": 3571,
                "pwd": "/opt/codis",
                "sys": "Linux host200 3.10.0-514.el7.x86_64 #1 SMP x86_64 GNU/Linux",
                "hostname": "host200",
                "datacenter": ""
            }""";

    /** Product {@code name}: groups 1 and 2, one proxy, slots 0..511 on group 1 and 512..1023 on group 2, a lock. */
    private static void seedProduct(Coordinator client, String name) {
        put(client, CodisPaths.topom(name), LOCK);
        put(client, CodisPaths.group(name, 2), GROUP_2);
        put(client, CodisPaths.group(name, 1), GROUP_1);
        put(client, CodisPaths.proxy(name, "15fba3007f3c6ee0887749681cb82307"), PROXY_1);
        for (int sid = 0; sid < 1024; sid++) {
            put(client, CodisPaths.slot(name, sid), "{\"id\": " + sid + ", \"group_id\": " + (sid < 512 ? 1 : 2)
                    + ", \"action\": {}}");
        }
    }

    private static String indented(String json, int spaces) {
        return json.indent(spaces).stripTrailing();
    }

    @Order(1)
    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"filesystem", "zookeeper", "etcd"})
    void dashboardListNamesEveryProductAndRemoveLockFreesOne(String kind) {
        assertThat(console.run("--dashboard-list", option(kind))).isZero();
        assertThat(console.out()).isEqualTo("[]\n");
        try (Coordinator client = open(kind)) {
            put(client, CodisPaths.topom("codis-demo"), LOCK);
            put(client, CodisPaths.slot("codis-demo2", 0), "{\"id\": 0, \"group_id\": 0, \"action\": {}}");
        }
        assertThat(console.run("--dashboard-list", option(kind))).isZero();
        String both = """
                [
                    {
                        "name": "codis-demo",
                        "dashboard": "10.2.16.100:18080"
                    },
                    {
                        "name": "codis-demo2",
                        "dashboard": ""
                    }
                ]
                """;
        assertThat(console.out()).isEqualTo(both);

        assertThat(console.run("--remove-lock", "--product=codis-demo", option(kind))).isZero();
        assertThat(console.out()).isEmpty();
        assertThat(console.run("--remove-lock", "--product=codis-demo", option(kind))).as("no lock is fine").isZero();
        assertThat(console.run("--dashboard-list", option(kind))).isZero();
        assertThat(console.out()).isEqualTo(both.replace("10.2.16.100:18080", ""));
        try (Coordinator client = open(kind)) {
            assertThat(client.read(CodisPaths.topom("codis-demo"))).isEmpty();
        }
    }

    @Order(2)
    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"filesystem", "zookeeper", "etcd"})
    void aDumpRestoredIntoAnotherProductDumpsTheSame(String kind) throws Exception {
        try (Coordinator client = open(kind)) {
            seedProduct(client, "dump-src");
        }
        assertThat(console.run("--config-dump", "--product=dump-src", option(kind))).as(console.err()).isZero();
        String dump = console.out();
        assertThat(dump).startsWith("""
                {
                    "slots": [
                        {
                            "id": 0,
                            "group_id": 1,
                            "action": {}
                        },
                """);
        assertThat(dump).endsWith("    \"group\": [\n" + indented(GROUP_1, 8) + ",\n" + indented(GROUP_2, 8) + "\n    ],\n"
                + "    \"proxy\": [\n" + indented(PROXY_1, 8) + "\n    ]\n}\n");
        assertThat(dump.split("\"group_id\"", -1)).hasSize(1024 + 1);

        Path saved = file("dump-" + kind + ".json", dump);
        assertThat(console.run("--config-restore=" + saved, "--product=dump-copy", option(kind), "--confirm"))
                .as(console.err()).isZero();
        assertThat(console.out()).isEmpty();
        assertThat(console.run("--config-dump", "--product=dump-copy", option(kind))).isZero();
        assertThat(console.out()).isEqualTo(dump);
        try (Coordinator client = open(kind)) {
            assertThat(client.read(CodisPaths.topom("dump-copy"))).as("the lock is not restored").isEmpty();
        }

        assertThat(console.run("--config-restore=" + saved, "--product=dump-copy", option(kind), "--confirm")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: product dump-copy is not empty\n");
    }

    @Order(3)
    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"filesystem", "zookeeper", "etcd"})
    void aRestoreWithoutConfirmPrintsTheDocumentAndWritesNothing(String kind) throws Exception {
        String document = """
                {"group": [%s], "slots": [{"id": 7, "group_id": 1, "action": {}}], "unknown": 1}
                """.formatted(GROUP_1);
        Path file = file("restore-" + kind + ".json", document);
        assertThat(console.run("--config-restore=" + file, "--product=restore-dry", option(kind))).as(console.err()).isZero();
        assertThat(console.out()).isEqualTo("{\n    \"slots\": [\n        {\n            \"id\": 7,\n"
                + "            \"group_id\": 1,\n            \"action\": {}\n        }\n    ],\n    \"group\": [\n"
                + indented(GROUP_1, 8) + "\n    ]\n}\n");
        try (Coordinator client = open(kind)) {
            assertThat(client.list(CodisPaths.ROOT)).doesNotContain(CodisPaths.product("restore-dry"));
        }
        assertThat(console.run("--config-dump", "--product=restore-dry", option(kind))).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: cann't find product = restore-dry [v3]\n");
    }

    private static final String CODIS2_DUMP = """
            {
                "proxy": {
                    "proxy_1": {
                        "addr": "10.2.16.200:19000",
                        "id": "proxy_1",
                        "state": "online"
                    }
                },
                "servers": {
                    "group_1": {
                        "10.2.16.201:6379": {
                            "addr": "10.2.16.201:6379",
                            "group_id": 1,
                            "type": "slave"
                        },
                        "10.2.16.202:6379": {
                            "addr": "10.2.16.202:6379",
                            "group_id": 1,
                            "type": "master"
                        }
                    },
                    "group_2": {
                        "10.2.16.203:6379": {
                            "addr": "10.2.16.203:6379",
                            "group_id": 2,
                            "type": "master"
                        }
                    }
                },
                "slots": {
                    "slot_0": {
                        "group_id": 1,
                        "id": 0,
                        "product_name": "old",
                        "state": {
                            "last_op_ts": "0",
                            "migrate_status": {
                                "from": -1,
                                "to": -1
                            },
                            "status": "online"
                        }
                    },
                    "slot_1": {
                        "group_id": 2,
                        "id": 1,
                        "product_name": "old",
                        "state": {
                            "last_op_ts": "0",
                            "migrate_status": {
                                "from": -1,
                                "to": -1
                            },
                            "status": "online"
                        }
                    },
                    "slot_2": {
                        "group_id": -1,
                        "id": 2,
                        "product_name": "old",
                        "state": {
                            "last_op_ts": "0",
                            "migrate_status": {
                                "from": -1,
                                "to": -1
                            },
                            "status": "offline"
                        }
                    }
                }
            }
            """;

    private static final String CONVERTED = """
            {
                "slots": [
                    {
                        "id": 0,
                        "group_id": 1,
                        "action": {}
                    },
                    {
                        "id": 1,
                        "group_id": 2,
                        "action": {}
                    }
                ],
                "group": [
                    {
                        "id": 1,
                        "servers": [
                            {
                                "server": "10.2.16.202:6379",
                                "datacenter": "",
                                "action": {},
                                "replica_group": false
                            },
                            {
                                "server": "10.2.16.201:6379",
                                "datacenter": "",
                                "action": {},
                                "replica_group": false
                            }
                        ],
                        "promoting": {},
                        "out_of_sync": false
                    },
                    {
                        "id": 2,
                        "servers": [
                            {
                                "server": "10.2.16.203:6379",
                                "datacenter": "",
                                "action": {},
                                "replica_group": false
                            }
                        ],
                        "promoting": {},
                        "out_of_sync": false
                    }
                ]
            }
            """;

    /** The 2.x tree as a Codis 2.x dashboard wrote it: each leaf compact, in 2.x's own field order. */
    private static void seedCodis2(Coordinator client, String product) {
        String root = CodisPaths.codis2Product(product);
        for (int sid = 0; sid < 3; sid++) {
            put(client, root + "/slots/slot_" + sid, "{\"product_name\":\"old\",\"id\":" + sid + ",\"group_id\":"
                    + new int[] {1, 2, -1}[sid] + ",\"state\":{\"status\":\"" + (sid < 2 ? "online" : "offline")
                    + "\",\"migrate_status\":{\"from\":-1,\"to\":-1},\"last_op_ts\":\"0\"}}");
        }
        put(client, root + "/servers/group_1/10.2.16.201:6379", "{\"type\":\"slave\",\"group_id\":1,\"addr\":\"10.2.16.201:6379\"}");
        put(client, root + "/servers/group_1/10.2.16.202:6379", "{\"type\":\"master\",\"group_id\":1,\"addr\":\"10.2.16.202:6379\"}");
        put(client, root + "/servers/group_2/10.2.16.203:6379", "{\"type\":\"master\",\"group_id\":2,\"addr\":\"10.2.16.203:6379\"}");
        put(client, root + "/proxy/proxy_1", "{\"id\":\"proxy_1\",\"addr\":\"10.2.16.200:19000\",\"state\":\"online\"}");
    }

    @Order(4)
    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"filesystem", "zookeeper", "etcd"})
    void aCodis2ProductIsDumpedConvertedAndRestored(String kind) throws Exception {
        try (Coordinator client = open(kind)) {
            seedCodis2(client, "old");
        }
        assertThat(console.run("--config-dump", "--product=old", "-1", option(kind))).as(console.err()).isZero();
        assertThat(console.out()).isEqualTo(CODIS2_DUMP);
        Path v1 = file("v1-" + kind + ".json", console.out());
        assertThat(console.run("--config-dump", "--product=none", "-1", option(kind))).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: cann't find product = none [v1]\n");

        assertThat(console.run("--config-convert=" + v1)).as(console.err()).isZero();
        assertThat(console.out()).isEqualTo(CONVERTED);

        Path v3 = file("v3-" + kind + ".json", console.out());
        assertThat(console.run("--config-restore=" + v3, "--product=new", "--confirm", option(kind))).as(console.err()).isZero();
        assertThat(console.run("--config-dump", "--product=new", option(kind))).isZero();
        String slots01 = CONVERTED.substring(0, CONVERTED.indexOf("        }\n    ],"));
        assertThat(console.out()).as("the offline slots are back")
                .startsWith(slots01 + "        },\n        {\n            \"id\": 2,\n            \"group_id\": 0,")
                .endsWith("    ],\n" + CONVERTED.substring(CONVERTED.indexOf("    \"group\": [")));
    }

    @Test
    void anUnreachableCoordinatorIsOneLine() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThat(console.run("--dashboard-list", "--etcd=127.0.0.1:" + closed)).isEqualTo(1);
        assertThat(console.err()).startsWith("codis-admin: etcd: list /codis3 failed: ").hasLineCount(1);
    }

    @Test
    void badDocumentsAreRefusedWithTheOriginalsReasons() throws Exception {
        String fs = option("filesystem");
        String slot = "{\"id\": %d, \"group_id\": %d, \"action\": {%s}}";
        String[][] cases = {
            {"{\"group\": [{\"id\": 10000}]}", "invalid group id = 10000"},
            {"{\"group\": [{\"id\": 3}, {\"id\": 3}]}", "group-0003 already exists"},
            {"{\"group\": [{\"id\": 3, \"promoting\": {\"state\": \"prepared\"}}]}", "gorup-0003 is promoting"},
            {"{\"group\": [{\"id\": 3, \"servers\": [{\"server\": \"a:1\"}]}, {\"id\": 4, \"servers\": [{\"server\": \"a:1\"}]}]}",
                "server a:1 already exists"},
            {"{\"proxy\": [{\"token\": \"t\"}, {\"token\": \"t\"}]}", "proxy-t already exists"},
            {"{\"slots\": [" + slot.formatted(1024, 1, "") + "]}", "invalid slot id = 1024"},
            {"{\"group\": [" + GROUP_2 + "], \"slots\": [" + slot.formatted(5, 2, "") + ", " + slot.formatted(5, 2, "") + "]}",
                "slot-0005 already exists"},
            {"{\"group\": [" + GROUP_2 + "], \"slots\": [" + slot.formatted(5, 2, "\"state\": \"pending\"") + "]}",
                "slot-0005 action is not empty"},
            {"{\"group\": [{\"id\": 7}], \"slots\": [" + slot.formatted(5, 7, "") + "]}", "slot-0005 with group-0007 doesn't exist or empty"},
            {"{\"slots\": [" + slot.formatted(6, 0, "") + "]}", "slot-0006 with group-0000 doesn't exist or empty"},
        };
        for (String[] bad : cases) {
            Path file = file("bad.json", bad[0]);
            assertThat(console.run("--config-restore=" + file, "--product=bad", fs, "--confirm")).as(bad[0]).isEqualTo(1);
            assertThat(console.err()).isEqualTo("codis-admin: " + bad[1] + "\n");
        }
        try (Coordinator client = open("filesystem")) {
            assertThat(client.list(CodisPaths.ROOT)).doesNotContain(CodisPaths.product("bad"));
        }

        Path migrating = file("migrating.json", "{\"slots\": {\"slot_9\": {\"id\": 9, \"group_id\": 1, \"state\": {\"status\": \"migrate\"}}}}");
        assertThat(console.run("--config-convert=" + migrating)).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: convert config failed: invalid slot status\n");
        Path badGroup = file("bad-group.json", "{\"servers\": {\"group_0\": {\"a:1\": {\"type\": \"master\", \"group_id\": 0}}}}");
        assertThat(console.run("--config-convert=" + badGroup)).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: convert config failed: invalid group = 0\n");

        assertThat(console.run("--remove-lock", "--product=bad name", fs)).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: bad product name = bad name\n");
        assertThat(console.run("--remove-lock", fs)).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: option --product is required\n");
        assertThat(console.run("--dashboard-list")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: one of --zookeeper, --etcd, --filesystem is required\n");
        assertThat(console.run("--dashboard-list", fs, "--product=x")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: option --product is not used by --dashboard-list\n");
    }
}
