package io.codis.admin.dashboard;

import static io.codis.admin.dashboard.FakeDashboard.XAUTH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.admin.AdminConsole;
import io.codis.common.json.JsonCodec;
import io.codis.common.log.LogLevel;
import io.codis.common.log.Logs;
import io.codis.common.testkit.FreePorts;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code codis-admin --dashboard=ADDR ...} against a real HTTP listener answering the reference's
 * JSON: the requests each form sends (method, path, body), what it prints and its exit status.
 */
class DashboardWireTest {
    private FakeDashboard dashboard;
    private String addr;
    private final AdminConsole console = new AdminConsole();

    @BeforeEach
    void start() {
        dashboard = new FakeDashboard();
        addr = dashboard.addr();
    }

    @AfterEach
    void stop() {
        dashboard.close();
        Logs.configure(null, LogLevel.INFO);
    }

    private int admin(String... args) {
        dashboard.clear();
        String[] all = new String[args.length + 1];
        all[0] = "--dashboard=" + addr;
        System.arraycopy(args, 0, all, 1, args.length);
        return console.run(all);
    }

    private void assertOk(int exit) {
        assertThat(console.err()).isEmpty();
        assertThat(exit).isZero();
    }

    private JsonNode printed() {
        return JsonCodec.readTree(console.out().getBytes());
    }

    @Test
    void everyCommandStartsWithModelThenXping() {
        assertOk(admin("--reload"));
        assertThat(dashboard.requests()).extracting(Object::toString).containsExactly(
                "GET /api/topom/model", "GET /api/topom/xping/" + XAUTH, "PUT /api/topom/reload/" + XAUTH);
        assertThat(console.out()).isEmpty();
    }

    @Test
    void theOverviewAndEachOfItsMembers() {
        assertOk(admin());
        assertThat(dashboard.calls()).containsExactly("GET /topom");
        assertThat(console.out()).startsWith("{\n    \"version\": \"3.2.2-java\",\n").endsWith("}\n");
        assertThat(printed().get("stats").get("proxy").get("models")).hasSize(2);

        assertOk(admin("config"));
        assertThat(printed().get("product_name").textValue()).isEqualTo("codis-demo");
        assertOk(admin("model"));
        assertThat(console.out()).isEqualTo(ReferenceJson.text("model.json"));
        assertOk(admin("stats"));
        assertThat(printed()).isEqualTo(ReferenceJson.tree("stats.json"));
        assertOk(admin("slots"));
        assertThat(printed()).isEqualTo(ReferenceJson.tree("stats.json").get("slots"));
        assertThat(console.out()).startsWith("[\n    {\n        \"id\": 0,\n        \"group_id\": 1,\n        \"action\": {}\n    },");
        assertOk(admin("group"));
        assertThat(printed()).isEqualTo(ReferenceJson.tree("stats.json").get("group"));
        assertOk(admin("proxy"));
        assertThat(printed()).isEqualTo(ReferenceJson.tree("stats.json").get("proxy"));
        assertOk(admin("--list-group"));
        assertThat(printed()).isEqualTo(ReferenceJson.tree("stats.json").get("group").get("models"));
        assertOk(admin("--list-proxy"));
        assertThat(printed()).isEqualTo(ReferenceJson.tree("stats.json").get("proxy").get("models"));
        assertThat(dashboard.calls()).containsExactly("GET /topom");
    }

    @Test
    void membersOfMissingStatsPrintNull() {
        dashboard.stats(null);
        assertOk(admin("slots"));
        assertThat(console.out()).isEqualTo("null\n");
        assertOk(admin("--list-proxy"));
        assertThat(console.out()).isEqualTo("null\n");
    }

    @Test
    void anUnknownWordIsRefused() {
        assertThat(admin("topology")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: unexpected argument 'topology' with --dashboard, expected one of"
                + " config|model|stats|slots|group|proxy\n");
        assertThat(dashboard.requests()).isEmpty();
    }

    @Test
    void shutdownReloadAndLogLevel() {
        assertOk(admin("--shutdown"));
        assertOk(admin("--log-level=warning"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/loglevel/" + XAUTH + "/WARN");
        assertThat(admin("--log-level=loud")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: option --log-level = loud\n");
        assertThat(dashboard.calls()).isEmpty();
    }

    @Test
    void slotsAssignPrintsWithoutConfirmAndSendsWithIt() {
        assertOk(admin("--slots-assign", "--beg=0", "--end=2", "--gid=1"));
        assertThat(dashboard.calls()).isEmpty();
        String json = JsonCodec.pretty(SlotsAssignment.of(0, 2, 1));
        assertThat(console.out()).isEqualTo(json + "\n");

        assertOk(admin("--slots-assign", "--beg=0", "--end=2", "--gid=1", "--confirm"));
        assertThat(console.out()).isEmpty();
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/slots/assign/" + XAUTH);
        assertThat(JsonCodec.readTree(dashboard.requests().get(2).body().getBytes()))
                .isEqualTo(JsonCodec.readTree(json.getBytes()));

        assertOk(admin("--slots-assign", "--beg=1000", "--end=1023", "--offline", "--confirm"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/slots/assign/" + XAUTH + "/offline");
        JsonNode body = JsonCodec.readTree(dashboard.requests().get(2).body().getBytes());
        assertThat(body).hasSize(24);
        assertThat(body.get(0).get("group_id").intValue()).isZero();

        assertThat(admin("--slots-assign", "--beg=0", "--end=2")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: one of --gid, --offline is required\n");
    }

    @Test
    void slotsStatusPrintsTheSlotArrayAndTheProgressOnStandardError() {
        assertThat(admin("--slots-status")).isZero();
        assertThat(console.err()).isEqualTo("[OK] Slot[0001]@DB[0]=348\n");
        assertThat(dashboard.calls()).containsExactly("GET /api/topom/slots/" + XAUTH, "GET /api/topom/stats/" + XAUTH);
        assertThat(console.out()).isEqualTo("[\n    {\n        \"id\": 0,\n        \"backend_addr\": \"10.2.16.201:6379\",\n"
                + "        \"backend_addr_group_id\": 1\n    },\n    {\n        \"id\": 1\n    }\n]\n");
    }

    @Test
    void proxyCommands() {
        assertOk(admin("--create-proxy", "-x", "10.2.16.200:11080"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/proxy/create/" + XAUTH + "/10.2.16.200:11080");
        assertOk(admin("--online-proxy", "--addr=10.2.16.200:11080"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/proxy/online/" + XAUTH + "/10.2.16.200:11080");
        assertThat(console.out()).isEmpty();
    }

    @Test
    void removeProxyByTokenAddrOrId() {
        assertOk(admin("--remove-proxy", "--token=abc"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/proxy/remove/" + XAUTH + "/abc/0");
        assertOk(admin("--remove-proxy", "--addr=10.2.16.201:11080", "--force"));
        assertThat(dashboard.calls()).containsExactly("GET /api/topom/stats/" + XAUTH,
                "PUT /api/topom/proxy/remove/" + XAUTH + "/6f1c2d6cbb7a9d3a0f1e5f0c2a9e3b77/1");
        assertOk(admin("--remove-proxy", "--pid=1"));
        assertThat(dashboard.calls()).containsExactly("GET /api/topom/stats/" + XAUTH,
                "PUT /api/topom/proxy/remove/" + XAUTH + "/15fba3007f3c6ee0887749681cb82307/0");

        assertThat(admin("--remove-proxy", "--addr=10.9.9.9:1")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: can't find specific proxy with addr = 10.9.9.9:1\n");
        assertThat(admin("--remove-proxy", "--pid=9")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: can't find specific proxy with id = 9\n");
        assertOk(admin("--remove-proxy", "--pid=9", "--force"));
        assertThat(dashboard.calls()).containsExactly("GET /api/topom/stats/" + XAUTH);

        assertThat(admin("--remove-proxy")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: one of --addr, --token, --pid is required\n");
    }

    @Test
    void reinitProxyOneOrAll() {
        assertOk(admin("--reinit-proxy", "-t", "abc"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/proxy/reinit/" + XAUTH + "/abc");
        assertOk(admin("--reinit-proxy", "--addr=10.2.16.200:11080"));
        assertThat(dashboard.calls()).containsExactly("GET /api/topom/stats/" + XAUTH,
                "PUT /api/topom/proxy/reinit/" + XAUTH + "/15fba3007f3c6ee0887749681cb82307");

        assertOk(admin("--reinit-proxy", "--all"));
        assertThat(dashboard.calls()).containsExactly("GET /api/topom/stats/" + XAUTH,
                "PUT /api/topom/proxy/reinit/" + XAUTH + "/15fba3007f3c6ee0887749681cb82307",
                "PUT /api/topom/proxy/reinit/" + XAUTH + "/6f1c2d6cbb7a9d3a0f1e5f0c2a9e3b77");
        JsonNode proxies = ReferenceJson.tree("stats.json").get("proxy").get("models");
        assertThat(console.out()).isEqualTo("reinit proxy: " + JsonCodec.pretty(proxies.get(0)) + "\n"
                + "reinit proxy: " + JsonCodec.pretty(proxies.get(1)) + "\n");
        assertThat(console.out()).startsWith("reinit proxy: {\n    \"id\": 1,\n    \"token\": \"15fba3007f3c6ee0887749681cb82307\",\n");
    }

    @Test
    void proxyAndGroupStatusLines() {
        assertOk(admin("--proxy-status"));
        assertThat(dashboard.calls()).containsExactly("GET /api/topom/stats/" + XAUTH);
        assertThat(console.out()).isEqualTo(
                "[ ] proxy-1 [T] 15fba3007f3c6ee0887749681cb82307 [A] 10.2.16.200:11080 [P] 10.2.16.200:19000\n"
                + "[E] proxy-2 [T] 6f1c2d6cbb7a9d3a0f1e5f0c2a9e3b77 [A] 10.2.16.201:11080 [P] 10.2.16.201:19000\n");
        assertOk(admin("--group-status"));
        assertThat(dashboard.calls()).containsExactly("GET /api/topom/stats/" + XAUTH);
        assertThat(console.out()).isEqualTo(
                "[ ] group-1 [0] 10.2.16.201:6379      ==> NO:ONE\n"
                + "[ ] group-1 [1] 10.2.16.202:6379      ==> 10.2.16.201:6379:up\n"
                + "[X] group-2 [0] 10.2.16.203:6379      ==> 10.2.16.204:6379:up\n"
                + "[E] group-2 [1] 10.2.16.204:6379\n");
    }

    @Test
    void groupCommands() {
        assertOk(admin("--create-group", "--gid=1"));
        assertOk(admin("--remove-group", "-g", "2"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/group/remove/" + XAUTH + "/2");
        assertOk(admin("--group-add", "--gid=1", "--addr=127.0.0.1:6379"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/group/add/" + XAUTH + "/1/127.0.0.1:6379");
        assertOk(admin("--group-add", "--gid=1", "--addr=127.0.0.1:6380", "--datacenter=dc1"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/group/add/" + XAUTH + "/1/127.0.0.1:6380/dc1");
        assertOk(admin("--group-del", "--gid=1", "--addr=127.0.0.1:6380"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/group/del/" + XAUTH + "/1/127.0.0.1:6380");
        assertOk(admin("--replica-groups", "--gid=1", "--addr=127.0.0.1:6380", "--enable"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/group/replica-groups/" + XAUTH + "/1/127.0.0.1:6380/1");
        assertOk(admin("--replica-groups", "--gid=1", "--addr=127.0.0.1:6380", "--disable"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/group/replica-groups/" + XAUTH + "/1/127.0.0.1:6380/0");
        assertOk(admin("--resync-group", "--gid=2"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/group/resync/" + XAUTH + "/2");
        assertOk(admin("--resync-group", "--all"));
        assertThat(dashboard.calls()).containsExactly("GET /api/topom/stats/" + XAUTH,
                "PUT /api/topom/group/resync/" + XAUTH + "/1", "PUT /api/topom/group/resync/" + XAUTH + "/2");
        assertThat(console.out()).isEmpty();

        assertThat(admin("--group-add", "--gid=1")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: option --addr is required\n");
        assertThat(admin("--replica-groups", "--gid=1", "--addr=a:1")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: one of --enable, --disable is required\n");
    }

    @Test
    void slotActionForms() {
        assertOk(admin("--slot-action", "--create", "--sid=5", "--gid=2"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/slots/action/create/" + XAUTH + "/5/2");
        assertOk(admin("--slot-action", "--remove", "--sid=5"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/slots/action/remove/" + XAUTH + "/5");
        assertOk(admin("--slot-action", "--create-some", "--gid-from=1", "--gid-to=2", "--num-slots=100"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/slots/action/create-some/" + XAUTH + "/1/2/100");
        assertOk(admin("--slot-action", "--create-range", "--beg=0", "--end=511", "--gid=2"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/slots/action/create-range/" + XAUTH + "/0/511/2");
        assertOk(admin("--slot-action", "--interval=1000"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/slots/action/interval/" + XAUTH + "/1000");
        assertOk(admin("--slot-action", "--disabled=5"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/slots/action/disabled/" + XAUTH + "/1");
        assertOk(admin("--slot-action", "--disabled=0"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/slots/action/disabled/" + XAUTH + "/0");
        assertThat(console.out()).isEmpty();

        assertThat(admin("--slot-action", "--create", "--sid=5")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: option --gid is required\n");
    }

    @Test
    void rebalancePrintsThePlanInRuns() {
        StringBuilder plan = new StringBuilder("{");
        for (int sid = 1023; sid >= 0; sid--) {
            plan.append('"').append(sid).append("\": ").append(sid < 342 ? 1 : sid < 683 ? 2 : 3).append(sid > 0 ? ", " : "}");
        }
        dashboard.rebalancePlan(plan.toString());
        assertOk(admin("--rebalance", "--confirm"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/slots/rebalance/" + XAUTH + "/1");
        assertThat(console.out()).isEqualTo("[0000,0341] => 1\n[0342,0682] => 2\n[0683,1023] => 3\ndone\n");

        dashboard.rebalancePlan("{}");
        assertOk(admin("--rebalance"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/slots/rebalance/" + XAUTH + "/0");
        assertThat(console.out()).isEqualTo("nothing changes\n");
    }

    @Test
    void aRemoteErrorIsReportedWithTheServersMessageAndExitOne() {
        dashboard.failPut("group/create/", "group-[1] already exists");
        assertThat(admin("--create-group", "--gid=1")).isEqualTo(1);
        assertThat(console.out()).isEmpty();
        assertThat(console.err()).isEqualTo("codis-admin: call rpc create-group to dashboard " + addr
                + " failed, [Remote Error] group-[1] already exists\n");

        dashboard.failPut("slots/rebalance/", "no valid group could be found");
        assertThat(admin("--rebalance")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: call rpc slots-rebalance to dashboard " + addr
                + " failed, [Remote Error] no valid group could be found\n");
    }

    @Test
    void anUnreachableDashboardFailsAtTheModel() {
        addr = "127.0.0.1:" + FreePorts.next();
        assertThat(admin("--group-status")).isEqualTo(1);
        assertThat(console.err()).startsWith("codis-admin: call rpc model to dashboard " + addr + " failed, ");
    }

    @Test
    void theHaFormsCallTheirRoutes() {
        assertOk(admin("--promote-server", "--gid=1", "--addr=a:1"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/group/promote/" + XAUTH + "/1/a:1",
                "GET /api/topom/stats/" + XAUTH);
        assertOk(admin("--sync-action", "--create", "--addr=a:1"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/group/action/create/" + XAUTH + "/a:1");
        assertOk(admin("--sync-action", "--remove", "--addr=a:1"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/group/action/remove/" + XAUTH + "/a:1");
        assertOk(admin("--sentinel-add", "--addr=a:1"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/sentinels/add/" + XAUTH + "/a:1");
        assertOk(admin("--sentinel-del", "--addr=a:1"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/sentinels/del/" + XAUTH + "/a:1/0");
        assertOk(admin("--sentinel-del", "--addr=a:1", "--force"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/sentinels/del/" + XAUTH + "/a:1/1");
        assertOk(admin("--sentinel-resync"));
        assertThat(dashboard.calls()).containsExactly("PUT /api/topom/sentinels/resync-all/" + XAUTH);

        assertThat(admin("--sync-action", "--addr=a:1")).isEqualTo(1);
        assertThat(admin("--sync-action", "--create", "--remove", "--addr=a:1")).isEqualTo(1);
        assertThat(admin("--sentinel-resync", "--addr=a:1")).isEqualTo(1);
        assertThat(admin("--promote-server", "--gid=1")).isEqualTo(1);
    }

    @Test
    void verboseLogsEveryRemoteCallAtDebugOnStandardError() {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(logged, true));
        try {
            assertOk(admin("-v", "--create-group", "--gid=3"));
        } finally {
            System.setErr(original);
        }
        assertThat(logged.toString()).contains("[DEBUG] call rpc model to dashboard " + addr + "\n",
                "[DEBUG] call rpc xping to dashboard " + addr + " OK\n",
                "[DEBUG] call rpc create-group to dashboard " + addr + "\n",
                "[DEBUG] call rpc create-group to dashboard " + addr + " OK\n");
        assertThat(console.out()).isEmpty();
    }

    @Test
    void twoCommandsAtOnceAreRefused() {
        assertThat(admin("--group-status", "--proxy-status")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: options --proxy-status and --group-status cannot be used together\n");
    }
}
