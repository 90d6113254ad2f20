package io.codis.dashboard;

import static io.codis.common.testkit.SlotKeys.keyIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.cli.FatalError;
import io.codis.common.coordinator.CodisPaths;
import io.codis.common.json.JsonCodec;
import io.codis.common.rpc.XAuth;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.RedisServer;
import io.codis.common.testkit.ZookeeperServer;
import io.codis.proxy.ProxyServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Every route through the real HTTP server, against a filesystem coordinator, real Redis and real proxies. */
class DashboardApiTest extends TwoRedisClusterTest {

    private static String error(String cause) {
        return "{\n    \"Cause\": \"" + cause.replace("&", "\\u0026") + "\",\n    \"Stack\": null\n}";
    }

    private static void assertError(HttpResponse<String> response, String cause) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(800);
        assertThat(JsonCodec.readTree(response.body().getBytes()).get("Cause").textValue()).isEqualTo(cause);
    }

    private static void assertOk(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("\"OK\"");
    }

    /** Waits until the stats satisfy {@code condition}. */
    private static JsonNode awaitStats(Cluster c, Predicate<JsonNode> condition) {
        return Await.until("the dashboard's stats to show it", c::stats, condition);
    }

    @Test
    void beforeTheLockTheModelAnswersAndStoreCallsAreRefused() {
        Cluster c = cluster("codis-prelock");
        c.startDashboard(null);
        JsonNode model = JsonCodec.readTree(c.http.get("/api/topom/model").body().getBytes());
        assertThat(model.get("product_name").textValue()).isEqualTo("codis-prelock");
        assertThat(model.get("token").textValue()).hasSize(32);
        assertThat(model.get("admin_addr").textValue()).isEqualTo("127.0.0.1:" + c.server.adminPort());
        assertThat(model.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertError(c.http.get("/topom"), "topom is not online");
        assertError(c.put("group/create/1"), "topom is not online");
        assertThat(c.stored(CodisPaths.topom("codis-prelock"))).isNull();
    }

    @Test
    void theLockIsTheTopomModelAndASecondDashboardGivesUp() throws Exception {
        Cluster c = cluster("codis-lock").online();
        JsonNode lock = c.stored(CodisPaths.topom("codis-lock"));
        assertThat(lock).isEqualTo(JsonCodec.readTree(c.http.get("/topom/model").body().getBytes()));

        Cluster second = cluster("codis-lock");
        second.startDashboard(null);
        assertThatThrownBy(() -> second.server.goOnline(3, Duration.ofMillis(10)))
                .isInstanceOf(FatalError.class).hasMessage("dashboard online failed, give up & abort :'(");
        assertError(second.http.get("/topom"), "topom is not online");

        // shutdown releases the lock; the next dashboard takes it
        assertOk(c.put("shutdown"));
        assertThat(c.stored(CodisPaths.topom("codis-lock"))).isNull();
        assertError(c.put("group/create/1"), "use of closed topom");
        Cluster third = cluster("codis-lock").online();
        assertThat(third.stored(CodisPaths.topom("codis-lock")).get("token").textValue())
                .isEqualTo(third.server.dashboard().model().token());
    }

    @Test
    void xauthAndPathParametersAreCheckedFirst() throws Exception {
        Cluster c = cluster("codis-xauth").online();
        assertThat(c.xauth).isEqualTo(XAuth.dashboard("codis-xauth"));
        assertThat(c.http.get("/api/topom/xping/" + c.xauth).body()).isEqualTo("\"OK\"");
        HttpResponse<String> wrong = c.http.put("/api/topom/group/create/0123456789abcdef0123456789abcdef/1");
        assertThat(wrong.statusCode()).isEqualTo(800);
        assertThat(wrong.body()).isEqualTo(error("invalid xauth, please check product name & auth"));
        assertError(c.http.get("/api/topom/stats/bad"), "invalid xauth, please check product name & auth");
        assertError(c.put("group/create/x"), "invalid gid");
        assertError(c.put("group/create/0"), "invalid group id = 0, out of range");
        assertError(c.put("group/create/10000"), "invalid group id = 10000, out of range");
        assertError(c.put("slots/action/create/1024/1"), "group-[1] doesn't exist");
        assertThat(c.http.get("/api/topom/nothing").statusCode()).isEqualTo(404);
        assertThat(c.http.get("/api/topom/group/create/" + c.xauth + "/1").statusCode()).isEqualTo(404);
        // an empty path segment matches no route, as with the original's router (":addr" needs a character)
        assertThat(c.http.put("/api/topom/proxy/create/" + c.xauth + "/").statusCode()).isEqualTo(404);
        assertThat(c.http.put("/api/topom/group/add/" + c.xauth + "/1/").statusCode()).isEqualTo(404);
        assertError(c.put("slots/action/create/x/1"), "invalid sid");
        assertError(c.put("proxy/remove/abc/yes"), "invalid force");
        assertOk(c.put("reload"));
        assertOk(c.put("loglevel/INFO"));
        assertError(c.put("loglevel/LOUD"), "invalid loglevel");
    }

    @Test
    void groupsAndServersWithTheOriginalChecks() throws Exception {
        Cluster c = cluster("codis-groups").online();
        assertOk(c.put("group/create/1"));
        assertError(c.put("group/create/1"), "group-[1] already exists");
        JsonNode stored = c.stored(CodisPaths.group("codis-groups", 1));
        assertThat(JsonCodec.pretty(stored)).isEqualTo("""
                {
                    "id": 1,
                    "servers": [],
                    "promoting": {},
                    "out_of_sync": false
                }""");
        assertError(c.put("group/add/2/" + redis1.addr()), "group-[2] doesn't exist");
        assertOk(c.put("group/add/1/" + redis1.addr()));
        assertError(c.put("group/add/1/" + redis1.addr()), "server-[" + redis1.addr() + "] already exists");
        assertOk(c.put("group/add/1/" + redis2.addr() + "/dc2"));
        HttpResponse<String> refused = c.put("group/add/1/127.0.0.1:1");
        assertThat(refused.statusCode()).isEqualTo(800);
        assertThat(JsonCodec.readTree(refused.body().getBytes()).get("Cause").textValue())
                .startsWith("dial tcp 127.0.0.1:1: ").contains("refused");
        assertError(c.put("group/remove/1"), "group-[1] isn't empty");
        assertError(c.put("group/del/1/10.0.0.1:6379"), "group-[1] doesn't have server-[10.0.0.1:6379]");
        assertError(c.put("group/del/1/" + redis1.addr()), "group-[1] can't remove master, still in use");

        assertOk(c.put("group/replica-groups/1/" + redis2.addr() + "/1"));
        JsonNode group = c.stored(CodisPaths.group("codis-groups", 1));
        assertThat(group.at("/servers/1/server").textValue()).isEqualTo(redis2.addr());
        assertThat(group.at("/servers/1/datacenter").textValue()).isEqualTo("dc2");
        assertThat(group.at("/servers/1/replica_group").booleanValue()).isTrue();
        assertThat(group.get("out_of_sync").booleanValue()).isFalse(); // not used by any slot
        assertOk(c.put("group/replica-groups-all/0"));
        assertThat(c.stored(CodisPaths.group("codis-groups", 1)).at("/servers/1/replica_group").booleanValue()).isFalse();

        // the server stats loop samples INFO of every server
        JsonNode stats = awaitStats(c, s -> s.at("/group/stats").has(redis1.addr()) && s.at("/group/stats").has(redis2.addr()));
        assertThat(stats.at("/group/stats/" + redis1.addr().replace("/", "~1") + "/stats/role").textValue()).isEqualTo("master");
        assertThat(stats.at("/group/models/0/id").intValue()).isEqualTo(1);

        JsonNode info = JsonCodec.readTree(c.http.get("/api/topom/group/info/" + redis1.addr()).body().getBytes());
        assertThat(info.get("tcp_port").textValue()).isEqualTo(Integer.toString(redis1.port()));
        assertThat(info.get("maxmemory").textValue()).isEqualTo("0");

        // a server that goes down is sampled with its error
        try (RedisServer doomed = RedisServer.start()) {
            assertOk(c.put("group/create/2"));
            assertOk(c.put("group/add/2/" + doomed.addr()));
            doomed.stop();
            JsonNode failed = awaitStats(c, s -> s.at("/group/stats").has(doomed.addr())
                    && s.at("/group/stats").get(doomed.addr()).has("error"));
            JsonNode sample = failed.at("/group/stats").get(doomed.addr());
            assertThat(sample.at("/error/Cause").textValue()).startsWith("dial tcp " + doomed.addr() + ": ");
            assertThat(sample.has("stats")).isFalse();
            assertThat(sample.get("unixtime").asLong()).isPositive();
            assertOk(c.put("group/del/2/" + doomed.addr()));
            assertOk(c.put("group/remove/2"));
        }
        assertOk(c.put("group/del/1/" + redis2.addr()));
        assertOk(c.put("group/del/1/" + redis1.addr()));
        assertOk(c.put("group/resync/1"));
        assertOk(c.put("group/resync-all"));
        assertOk(c.put("group/remove/1"));
        assertThat(c.stored(CodisPaths.group("codis-groups", 1))).isNull();
        assertError(c.put("group/remove/1"), "group-[1] doesn't exist");
    }

    @Test
    void proxiesAreCreatedFilledStartedAndRemoved() throws Exception {
        Cluster c = cluster("codis-proxies").online();
        ProxyServer proxy = c.startProxy();
        String admin = Cluster.adminAddr(proxy);
        assertOk(c.put("group/create/1"));
        assertOk(c.put("group/add/1/" + redis1.addr()));
        assertOk(c.put("slots/assign", "[{\"id\": 0, \"group_id\": 1, \"action\": {}}, {\"id\": 1, \"group_id\": 1, \"action\": {}}]"));

        assertOk(c.put("proxy/create/" + admin));
        String token = proxy.proxy().token();
        assertError(c.put("proxy/create/" + admin), "proxy-[" + token + "] already exists");
        JsonNode stored = c.stored(CodisPaths.proxy("codis-proxies", token));
        assertThat(stored.get("id").intValue()).isEqualTo(1);
        assertThat(stored.get("admin_addr").textValue()).isEqualTo(admin);
        assertThat(proxy.proxy().isOnline()).isTrue();
        assertThat(proxy.proxy().slots().get(0).backendAddr()).isEqualTo(redis1.addr());
        assertThat(proxy.proxy().slots().get(2).backendAddr()).isEmpty();

        // data written through the proxy lands on the group's master
        String key = keyIn(0);
        try (Jedis client = Cluster.client(proxy);
                Jedis master = new Jedis("127.0.0.1", redis1.port())) {
            assertThat(client.set(key, "v")).isEqualTo("OK");
            assertThat(master.get(key)).isEqualTo("v");
        }

        // assign pushes at once; the group stays out of sync until resynced
        assertThat(c.stored(CodisPaths.group("codis-proxies", 1)).get("out_of_sync").booleanValue()).isTrue();
        assertOk(c.put("group/resync/1"));
        assertThat(c.stored(CodisPaths.group("codis-proxies", 1)).get("out_of_sync").booleanValue()).isFalse();

        JsonNode stats = awaitStats(c, s -> s.at("/proxy/stats").has(token) && s.at("/proxy/stats/" + token).has("stats"));
        assertThat(stats.at("/proxy/stats/" + token + "/stats/online").booleanValue()).isTrue();
        assertThat(stats.at("/proxy/models/0/token").textValue()).isEqualTo(token);

        JsonNode slots = JsonCodec.readTree(c.http.get("/topom/slots").body().getBytes());
        assertThat(slots).hasSize(1024);
        assertThat(JsonCodec.pretty(slots.get(1))).isEqualTo("""
                {
                    "id": 1,
                    "backend_addr": "%s",
                    "backend_addr_group_id": 1,
                    "forward_method": 1
                }""".formatted(redis1.addr()));
        assertThat(JsonCodec.pretty(slots.get(5))).isEqualTo("{\n    \"id\": 5,\n    \"forward_method\": 1\n}");

        assertOk(c.put("proxy/reinit/" + token));
        assertError(c.put("proxy/reinit/nope"), "proxy-[nope] doesn't exist");
        assertOk(c.put("proxy/remove/" + token + "/0"));
        assertThat(proxy.proxy().isClosed()).isTrue();
        assertThat(c.stored(CodisPaths.proxy("codis-proxies", token))).isNull();
        assertError(c.put("proxy/remove/" + token + "/0"), "proxy-[" + token + "] doesn't exist");
        ProxyServer otherAuth = c.startProxy("product_auth = \"other\"\n");
        HttpResponse<String> refused = c.put("proxy/create/" + Cluster.adminAddr(otherAuth));
        assertThat(JsonCodec.readTree(refused.body().getBytes()).get("Cause").textValue())
                .startsWith("proxy@" + Cluster.adminAddr(otherAuth) + " check xauth failed, ")
                .contains("invalid xauth");
        assertError(c.put("proxy/online/" + Cluster.adminAddr(otherAuth)),
                "proxy@" + Cluster.adminAddr(otherAuth) + " check xauth failed");
        HttpResponse<String> gone = c.put("proxy/create/127.0.0.1:1");
        assertThat(gone.statusCode()).isEqualTo(800);
        assertThat(JsonCodec.readTree(gone.body().getBytes()).get("Cause").textValue())
                .startsWith("proxy@127.0.0.1:1 fetch model failed, ");
    }

    /** A proxy started with {@code --dashboard=ADDR} (the proxy's own online code) joins through the online route. */
    @Test
    void aProxyPutsItselfOnlineThroughTheDashboard() throws Exception {
        Cluster c = cluster("codis-selfonline").online();
        c.ok("group/create/1");
        c.ok("group/add/1/" + redis1.addr());
        c.ok("slots/assign", "[{\"id\": 12, \"group_id\": 1, \"action\": {}}]");
        ProxyServer proxy = c.startProxy();
        new io.codis.proxy.online.DashboardOnline(proxy.proxy(), new io.codis.common.rpc.ApiClient(), 1, Duration.ofMillis(10))
                .run(() -> "127.0.0.1:" + c.server.adminPort());
        assertThat(proxy.proxy().isOnline()).isTrue();
        assertThat(proxy.proxy().slots().get(12).backendAddr()).isEqualTo(redis1.addr());
        assertThat(c.stored(CodisPaths.proxy("codis-selfonline", proxy.proxy().token())).get("id").intValue()).isEqualTo(1);
    }

    @Test
    void aRestartedProxyIsPutOnlineAgainByTheStatsLoop() throws Exception {
        Cluster c = cluster("codis-autoonline").online();
        ProxyServer proxy = c.startProxy();
        assertOk(c.put("proxy/online/" + Cluster.adminAddr(proxy)));
        assertThat(c.stored(CodisPaths.proxy("codis-autoonline", proxy.proxy().token())).get("id").intValue()).isEqualTo(1);
        ProxyServer second = c.startProxy();
        assertOk(c.put("proxy/online/" + Cluster.adminAddr(second)));
        assertThat(c.stored(CodisPaths.proxy("codis-autoonline", second.proxy().token())).get("id").intValue()).isEqualTo(2);
        // a proxy that is registered but not started (as after a restart, or restored by an operator) is put online by the loop
        ProxyServer third = c.startProxy();
        try (var coordinator = c.openCoordinator()) {
            coordinator.update(CodisPaths.proxy("codis-autoonline", third.proxy().token()),
                    JsonCodec.prettyBytes(third.proxy().model().withId(7)));
        }
        assertOk(c.put("reload"));
        Await.until("the third proxy online after the reload", () -> third.proxy().isOnline());
        assertThat(third.proxy().slots()).hasSize(1024);
        assertThat(c.stored(CodisPaths.proxy("codis-autoonline", third.proxy().token())).get("id").intValue()).isEqualTo(7);
    }

    /** The same dashboard on ZooKeeper: the lock, a stored group, the release. */
    @Test
    void onZookeeperTheLockAndTheModelsLiveInTheSamePaths() throws Exception {
        try (ZookeeperServer zookeeper = ZookeeperServer.start()) {
            Cluster c = new Cluster("zookeeper", zookeeper.addr(), "codis-zk", "");
            try {
                c.online();
                assertThat(c.stored(CodisPaths.topom("codis-zk")).get("token").textValue())
                        .isEqualTo(c.server.dashboard().model().token());
                c.ok("group/create/3");
                assertThat(c.stored(CodisPaths.group("codis-zk", 3)).get("id").intValue()).isEqualTo(3);
                assertError(c.put("group/create/3"), "group-[3] already exists");
                c.ok("shutdown");
                assertThat(c.stored(CodisPaths.topom("codis-zk"))).isNull();
            } finally {
                c.close();
            }
        }
    }

    @Test
    void slotRoutesCheckAndQueueActions() throws Exception {
        Cluster c = cluster("codis-slots").online();
        assertOk(c.put("slots/action/disabled/1"));
        assertError(c.put("slots/action/create/1/1"), "group-[1] doesn't exist");
        assertOk(c.put("group/create/1"));
        assertError(c.put("slots/action/create/1/1"), "group-[1] is empty");
        assertOk(c.put("group/add/1/" + redis1.addr()));
        assertOk(c.put("group/create/2"));
        assertOk(c.put("group/add/2/" + redis2.addr()));
        assertError(c.put("slots/action/create/1024/1"), "slot-[1024] doesn't exist");
        assertOk(c.put("slots/action/create/1/1"));
        assertError(c.put("slots/action/create/1/2"), "slot-[1] action already exists");
        assertThat(JsonCodec.pretty(c.stored(CodisPaths.slot("codis-slots", 1)))).isEqualTo("""
                {
                    "id": 1,
                    "group_id": 0,
                    "action": {
                        "index": 1,
                        "state": "pending",
                        "target_id": 1
                    }
                }""");
        assertOk(c.put("slots/action/create-range/2/4/2"));
        assertThat(c.stored(CodisPaths.slot("codis-slots", 4)).at("/action/index").intValue()).isEqualTo(4);
        assertError(c.put("slots/action/create-range/5/4/2"), "invalid slot range [5,4]");
        assertError(c.put("slots/action/create-range/0/3/2"), "slot-[1] action already exists");
        assertOk(c.put("slots/action/create-some/0/2/3"));
        assertThat(c.stored(CodisPaths.slot("codis-slots", 0)).at("/action/index").intValue()).isEqualTo(5);
        assertThat(c.stored(CodisPaths.slot("codis-slots", 6)).at("/action/index").intValue()).isEqualTo(7);
        assertOk(c.put("slots/action/remove/6"));
        assertThat(JsonCodec.pretty(c.stored(CodisPaths.slot("codis-slots", 6))))
                .isEqualTo("{\n    \"id\": 6,\n    \"group_id\": 0,\n    \"action\": {}\n}");
        assertError(c.put("slots/action/remove/6"), "slot-[6] action doesn't exist");
        assertOk(c.put("slots/action/interval/2000000"));
        JsonNode stats = c.stats();
        assertThat(stats.at("/slot_action/interval").intValue()).isEqualTo(1_000_000);
        assertThat(stats.at("/slot_action/disabled").booleanValue()).isTrue();
        assertThat(stats.get("slots")).hasSize(1024);

        assertError(c.put("slots/assign", "[{\"id\": 9, \"group_id\": 3, \"action\": {}}]"), "group-[3] doesn't exist");
        assertError(c.put("slots/assign", "[{\"id\": 9, \"group_id\": 1, \"action\": {\"state\": \"pending\"}}]"),
                "invalid slot-[9] action = pending");
        assertOk(c.put("slots/assign", "not json"));
        assertError(c.put("slots/assign/offline", "[{\"id\": 9, \"group_id\": 1, \"action\": {}}]"),
                "group of slot-[9] should be 0");
        assertOk(c.put("slots/assign", "[{\"id\": 9, \"group_id\": 1, \"action\": {}}]"));
        assertThat(c.stored(CodisPaths.slot("codis-slots", 9)).get("group_id").intValue()).isEqualTo(1);
        assertError(c.put("slots/action/create/9/1"), "slot-[9] already in group-[1]");
        assertError(c.put("group/del/1/" + redis1.addr()), "group-[1] can't remove master, still in use");
        assertOk(c.put("slots/assign/offline", "[{\"id\": 9, \"group_id\": 0, \"action\": {}}]"));
        assertThat(c.stored(CodisPaths.slot("codis-slots", 9)).get("group_id").intValue()).isZero();

        // rebalance: preview, then confirm; the pending actions are left alone
        HttpResponse<String> preview = c.put("slots/rebalance/0");
        assertThat(preview.statusCode()).isEqualTo(200);
        JsonNode plan = JsonCodec.readTree(preview.body().getBytes());
        assertThat(plan.size()).isEqualTo(1024 - 6);
        assertThat(c.stored(CodisPaths.slot("codis-slots", 100))).isNull();
        assertThat(c.put("slots/rebalance/1").body()).isEqualTo(preview.body());
        assertThat(c.stored(CodisPaths.slot("codis-slots", 100)).at("/action/state").textValue()).isEqualTo("pending");
        assertThat(c.put("slots/rebalance/0").body()).isEqualTo("{}");
    }

    @Test
    void overviewAndStatsHaveTheReferenceShape() throws Exception {
        Cluster c = cluster("codis-overview").online();
        HttpResponse<String> root = c.http.get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValue("/topom");
        JsonNode overview = JsonCodec.readTree(c.http.get("/topom").body().getBytes());
        assertThat(fieldNames(overview)).containsExactly("version", "compile", "config", "model", "stats");
        assertThat(fieldNames(overview.get("config"))).containsExactly("coordinator_name", "coordinator_addr",
                "coordinator_auth", "admin_addr", "product_name", "migration_method", "migration_parallel_slots",
                "migration_async_maxbulks", "migration_async_maxbytes", "migration_async_numkeys", "migration_timeout",
                "sentinel_client_timeout", "sentinel_quorum", "sentinel_parallel_syncs", "sentinel_down_after",
                "sentinel_failover_timeout", "sentinel_notification_script", "sentinel_client_reconfig_script",
                "sentinel_auto_resync");
        assertThat(overview.at("/config/migration_async_maxbytes").textValue()).isEqualTo("32mb");
        assertThat(fieldNames(overview.get("model"))).containsExactly("token", "start_time", "admin_addr",
                "product_name", "pid", "pwd", "sys");
        JsonNode stats = overview.get("stats");
        assertThat(fieldNames(stats)).containsExactly("closed", "slots", "group", "proxy", "slot_action", "sentinels");
        assertThat(JsonCodec.pretty(stats.get("slot_action"))).isEqualTo("""
                {
                    "interval": 0,
                    "disabled": false,
                    "progress": {
                        "status": ""
                    },
                    "executor": 0,
                    "migration": {
                        "keys_moved": 0,
                        "bytes_moved": 0,
                        "keys_per_sec": 0,
                        "bytes_per_sec": 0,
                        "slots": []
                    }
                }""");
        assertThat(JsonCodec.pretty(stats.get("sentinels"))).isEqualTo("""
                {
                    "model": {
                        "out_of_sync": false
                    },
                    "stats": {},
                    "masters": {}
                }""");
        assertThat(JsonCodec.pretty(stats.get("group"))).isEqualTo("{\n    \"models\": [],\n    \"stats\": {}\n}");
        assertThat(JsonCodec.pretty(stats.get("slots").get(1023)))
                .isEqualTo("{\n    \"id\": 1023,\n    \"group_id\": 0,\n    \"action\": {}\n}");
        assertThat(c.http.get("/topom/model").body()).isEqualTo(c.http.get("/api/topom/model").body());
        assertThat(c.http.get("/topom/slots").body()).isEqualTo(c.http.get("/api/topom/slots/" + c.xauth).body());
    }

    @Test
    void aDeadProxyFailsPushesAndBlocksTheBarrierUntilRemovedWithForce() throws Exception {
        Cluster c = cluster("codis-deadproxy").online();
        c.ok("group/create/1");
        c.ok("group/add/1/" + redis1.addr());
        ProxyServer proxy = c.startProxy();
        c.ok("proxy/create/" + Cluster.adminAddr(proxy));
        String token = proxy.proxy().token();
        proxy.close();

        assertError(c.put("slots/assign", "[{\"id\": 0, \"group_id\": 1, \"action\": {}}]"),
                "proxy-[" + token + "] resync slots failed");
        assertError(c.put("proxy/reinit/" + token), "proxy-[" + token + "] fillslots failed");
        c.ok("slots/action/create/1/1");
        Await.until("slot-1 preparing", () -> c.stored(CodisPaths.slot("codis-deadproxy", 1)).at("/action/state").textValue(),
                "preparing"::equals);
        assertError(c.put("proxy/remove/" + token + "/0"), "proxy-[" + token + "] shutdown failed");
        c.ok("proxy/remove/" + token + "/1");
        assertThat(c.stored(CodisPaths.proxy("codis-deadproxy", token))).isNull();
        Await.until("slot-1 in group 1", () -> c.stored(CodisPaths.slot("codis-deadproxy", 1)).get("group_id").intValue(),
                gid -> gid == 1);
        JsonNode stats = c.stats();
        assertThat(stats.at("/proxy/models")).isEmpty();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

}
