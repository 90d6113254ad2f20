package io.codis.admin.dashboard;

import io.codis.common.status.Padding;
import static io.codis.common.testkit.SlotKeys.keyIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.admin.AdminConsole;
import io.codis.common.config.DashboardConfig;
import io.codis.common.config.ProxyConfig;
import io.codis.common.coordinator.Coordinators;
import io.codis.common.json.JsonCodec;
import io.codis.common.log.LogLevel;
import io.codis.common.log.Logs;
import io.codis.common.rpc.AdvertisedAddresses;
import io.codis.common.rpc.HostPort;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.FreePorts;
import io.codis.common.testkit.RedisServer;
import io.codis.common.testkit.TempDirs;
import io.codis.dashboard.DashboardServer;
import io.codis.proxy.ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.Jedis;

/**
 * {@code codis-admin --dashboard=ADDR ...} driving the real dashboard in this JVM (filesystem
 * coordinator in a temp dir), real redis-servers (group 1: a master and its replica; group 2: one
 * master) and two real proxies, the way an operator builds a cluster: each step's printed text,
 * exit status and effect on the dashboard and proxies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealDashboardTest {
    private static final String PRODUCT = "codis-admin-dash";

    private Path root;
    private DashboardServer server;
    private String addr;
    private RedisServer master1;
    private RedisServer replica1;
    private RedisServer master2;
    private final List<ProxyServer> proxies = new ArrayList<>();
    private final AdminConsole console = new AdminConsole();

    @BeforeAll
    void startCluster() throws Exception {
        Path shm = Path.of("/dev/shm");
        root = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "admin-dash-")
                : TempDirs.create("admin-dash-");
        DashboardConfig config = DashboardConfig.parse("coordinator_name = \"filesystem\"\ncoordinator_addr = \"" + root
                + "\"\nproduct_name = \"" + PRODUCT + "\"\nadmin_addr = \"127.0.0.1:0\"\n");
        server = DashboardServer.start(config, AdvertisedAddresses.ofThisHost(),
                Coordinators.open("filesystem", root.toString(), "", Duration.ofSeconds(5)), null);
        server.goOnline(1, Duration.ofMillis(10));
        addr = "127.0.0.1:" + server.adminPort();
        master1 = RedisServer.start();
        replica1 = RedisServer.builder().args("--replicaof", "127.0.0.1", Integer.toString(master1.port())).start();
        master2 = RedisServer.start();
        for (int i = 0; i < 2; i++) {
            proxies.add(ProxyServer.start(ProxyConfig.parse("product_name = \"" + PRODUCT + "\"\nproto_type = \"tcp4\"\n"
                    + "proxy_addr = \"127.0.0.1:" + FreePorts.next() + "\"\nadmin_addr = \"127.0.0.1:0\"\n"),
                    AdvertisedAddresses.ofThisHost()));
        }
    }

    @AfterAll
    void stopCluster() {
        proxies.forEach(ProxyServer::close);
        if (server != null) {
            server.close();
        }
        for (RedisServer redis : new RedisServer[] {replica1, master1, master2}) {
            if (redis != null) {
                redis.close();
            }
        }
        if (root != null) {
            TempDirs.delete(root);
        }
        Logs.configure(null, LogLevel.INFO);
    }

    private int admin(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--dashboard=" + addr;
        System.arraycopy(args, 0, all, 1, args.length);
        return console.run(all);
    }

    /** Runs a command that must succeed, and returns what it printed. */
    private String ok(String... args) {
        int exit = admin(args);
        assertThat(console.err()).as(String.join(" ", args)).isEmpty();
        assertThat(exit).isZero();
        return console.out();
    }

    private static String adminAddr(ProxyServer proxy) {
        return proxy.proxy().model().adminAddr();
    }

    @Test
    @Order(1)
    void theOverviewAndItsMembers() {
        JsonNode overview = JsonCodec.readTree(ok().getBytes());
        assertThat(overview.get("model").get("product_name").textValue()).isEqualTo(PRODUCT);
        assertThat(overview.get("config").get("coordinator_name").textValue()).isEqualTo("filesystem");
        assertThat(console.out()).startsWith("{\n    \"version\": ").endsWith("}\n");

        assertThat(JsonCodec.readTree(ok("model").getBytes()))
                .isEqualTo(JsonCodec.readTree(JsonCodec.pretty(server.dashboard().model()).getBytes()));
        assertThat(JsonCodec.readTree(ok("slots").getBytes())).hasSize(1024);
        assertThat(console.out()).startsWith("[\n    {\n        \"id\": 0,\n        \"group_id\": 0,\n        \"action\": {}\n    },\n");
        assertThat(ok("--list-group")).isEqualTo("[]\n");
        assertThat(ok("--list-proxy")).isEqualTo("[]\n");
        assertThat(ok("--proxy-status")).isEmpty();
    }

    @Test
    @Order(2)
    void groupsAreCreatedAndFilledAndTheirStatusShowsTheReplication() throws InterruptedException {
        assertThat(ok("--create-group", "--gid=1")).isEmpty();
        ok("--create-group", "--gid=2");
        ok("--group-add", "--gid=1", "--addr=" + master1.addr());
        ok("--group-add", "--gid=1", "--addr=" + replica1.addr());
        ok("--group-add", "--gid=2", "--addr=" + master2.addr(), "--datacenter=dc2");

        JsonNode groups = JsonCodec.readTree(ok("--list-group").getBytes());
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).get("servers").get(1).get("server").textValue()).isEqualTo(replica1.addr());
        assertThat(groups.get(1).get("servers").get(0).get("datacenter").textValue()).isEqualTo("dc2");

        assertThat(admin("--create-group", "--gid=1")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: call rpc create-group to dashboard " + addr
                + " failed, [Remote Error] group-[1] already exists\n");

        int width = Math.max(master1.addr().length(), Math.max(replica1.addr().length(), master2.addr().length()));
        List<String> expected = List.of(
                "[ ] group-1 [0] " + Padding.right(master1.addr(), width) + "      ==> NO:ONE",
                "[ ] group-1 [1] " + Padding.right(replica1.addr(), width) + "      ==> " + master1.addr() + ":up",
                "[ ] group-2 [0] " + Padding.right(master2.addr(), width) + "      ==> NO:ONE");
        Await.until("the group status lines", () -> ok("--group-status"), (String.join("\n", expected) + "\n")::equals);
    }

    @Test
    @Order(3)
    void proxiesComeOnlineAndTheirStatusShows() throws InterruptedException {
        assertThat(ok("--create-proxy", "-x", adminAddr(proxies.get(0)))).isEmpty();
        assertThat(ok("--online-proxy", "--addr=" + adminAddr(proxies.get(1)))).isEmpty();
        assertThat(proxies.get(0).proxy().isOnline()).isTrue();
        assertThat(proxies.get(1).proxy().isOnline()).isTrue();

        JsonNode listed = JsonCodec.readTree(ok("--list-proxy").getBytes());
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).get("id").intValue()).isEqualTo(1);
        assertThat(listed.get(0).get("token").textValue()).isEqualTo(proxies.get(0).proxy().token());

        int adminWidth = Math.max(adminAddr(proxies.get(0)).length(), adminAddr(proxies.get(1)).length());
        int proxyWidth = Math.max(proxies.get(0).proxy().model().proxyAddr().length(),
                proxies.get(1).proxy().model().proxyAddr().length());
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 2; i++) {
            ProxyServer p = proxies.get(i);
            expected.append("[ ] proxy-").append(i + 1).append(" [T] ").append(p.proxy().token())
                    .append(" [A] ").append(Padding.right(adminAddr(p), adminWidth))
                    .append(" [P] ").append(Padding.right(p.proxy().model().proxyAddr(), proxyWidth)).append('\n');
        }
        Await.until("the proxy status lines", () -> ok("--proxy-status"), expected.toString()::equals);

        assertThat(admin("--create-proxy", "-x", adminAddr(proxies.get(0)))).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: call rpc create-proxy to dashboard " + addr
                + " failed, [Remote Error] proxy-[" + proxies.get(0).proxy().token() + "] already exists\n");
    }

    @Test
    @Order(4)
    void slotsAreAssignedAndEveryProxySeesThem() {
        String preview = ok("--slots-assign", "--beg=0", "--end=1", "--gid=1");
        assertThat(preview).isEqualTo(JsonCodec.pretty(SlotsAssignment.of(0, 1, 1)) + "\n");
        assertThat(server.dashboard().slots().get(0).backendAddr()).isEmpty();

        assertThat(ok("--slots-assign", "--beg=0", "--end=1023", "--gid=1", "--confirm")).isEmpty();
        JsonNode slots = JsonCodec.readTree(ok("--slots-status").getBytes());
        assertThat(slots).hasSize(1024);
        assertThat(slots.get(1023).get("backend_addr").textValue()).isEqualTo(master1.addr());
        for (ProxyServer p : proxies) {
            assertThat(p.proxy().slots().get(1023).backendAddr()).isEqualTo(master1.addr());
        }

        ok("--slots-assign", "--beg=1020", "--end=1023", "--offline", "--confirm");
        assertThat(proxies.get(1).proxy().slots().get(1021).backendAddr()).isEmpty();
        assertThat(JsonCodec.readTree(ok("slots").getBytes()).get(1021).get("group_id").intValue()).isZero();

        assertThat(ok("--resync-group", "--gid=1")).isEmpty();
        assertThat(ok("--resync-group", "--all")).isEmpty();
        ok("--slots-assign", "--beg=1020", "--end=1023", "--gid=1", "--confirm");
    }

    @Test
    @Order(5)
    void slotActionsAreCreatedRemovedAndRun() throws InterruptedException {
        assertThat(ok("--rebalance")).isEqualTo("[0512,1023] => 2\ndone\n");

        ok("--slot-action", "--disabled=1");
        assertThat(server.dashboard().stats().get("slot_action").get("disabled").booleanValue()).isTrue();
        ok("--slot-action", "--interval=100");
        assertThat(server.dashboard().stats().get("slot_action").get("interval").intValue()).isEqualTo(100);
        ok("--slot-action", "--create-range", "--beg=1020", "--end=1023", "--gid=2");
        ok("--slot-action", "--create-some", "--gid-from=1", "--gid-to=2", "--num-slots=2");
        ok("--slot-action", "--create", "--sid=5", "--gid=2");
        JsonNode mappings = JsonCodec.readTree(ok("slots").getBytes());
        for (int sid : new int[] {0, 1, 5, 1020, 1023}) {
            assertThat(mappings.get(sid).get("action").get("state").textValue()).as("slot %d", sid).isEqualTo("pending");
        }
        ok("--slot-action", "--remove", "--sid=5");
        assertThat(JsonCodec.readTree(ok("slots").getBytes()).get(5).get("action").size()).isZero();

        assertThat(admin("--slot-action", "--remove", "--sid=5")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: call rpc slot-action to dashboard " + addr
                + " failed, [Remote Error] slot-[5] action doesn't exist\n");

        ok("--slot-action", "--interval=0");
        ok("--slot-action", "--disabled=0");
        Await.until("the six slot actions to finish", () -> {
            JsonNode now = JsonCodec.readTree(ok("slots").getBytes());
            for (int sid : new int[] {0, 1, 1020, 1021, 1022, 1023}) {
                if (now.get(sid).get("group_id").intValue() != 2 || now.get(sid).get("action").size() != 0) {
                    return false;
                }
            }
            return true;
        });
        assertThat(proxies.get(0).proxy().slots().get(1022).backendAddr()).isEqualTo(master2.addr());

        ok("--slots-assign", "--beg=0", "--end=511", "--gid=1", "--confirm");
        ok("--slots-assign", "--beg=512", "--end=1023", "--gid=2", "--confirm");
        assertThat(ok("--rebalance", "--confirm")).isEqualTo("nothing changes\n");
    }

    @Test
    @Order(6)
    void aSlotStoppedOnASplitKeyShowsWhyRemovingItsActionMovesItBackAndARetryFinishesOnceACopyIsDeleted() throws InterruptedException {
        String split = keyIn(100, 999);
        try (Jedis client = new Jedis("127.0.0.1", HostPort.parse(proxies.get(0).proxy().model().proxyAddr()).port());
                Jedis target = new Jedis("127.0.0.1", master2.port())) {
            for (int i = 0; i < 10; i++) {
                client.set(keyIn(100, i), "v" + i);
            }
            client.set(split, "served");
            target.set(split, "older");
        }
        ok("--slot-action", "--create", "--sid=100", "--gid=2");
        String stopped = "[ERROR] Slot[0100]: key '" + split + "' exists on both " + master1.addr() + " and "
                + master2.addr() + " with different values; delete the wrong copy and the migration goes on by itself";
        List<String> lines = Await.until("the stopped slot in --slots-status", () -> {
            assertThat(admin("--slots-status")).isZero();
            return List.of(console.err().split("\n"));
        }, l -> l.get(0).startsWith("[ERROR]"));
        assertThat(lines.get(0)).isEqualTo(stopped);
        assertThat(lines.get(lines.size() - 1)).startsWith("  slot-0100: ").endsWith(", " + stopped);

        assertThat(ok("--slot-action", "--remove", "--sid=100")).isEmpty();

        Await.until("slot 100 back in group 1", () -> JsonCodec.readTree(ok("slots").getBytes()).get(100),
                slot -> slot.get("group_id").intValue() == 1 && slot.get("action").isEmpty());
        try (Jedis client = new Jedis("127.0.0.1", HostPort.parse(proxies.get(1).proxy().model().proxyAddr()).port());
                Jedis target = new Jedis("127.0.0.1", master2.port())) {
            for (int i = 0; i < 10; i++) {
                assertThat(client.get(keyIn(100, i))).isEqualTo("v" + i);
            }
            assertThat(client.get(split)).isEqualTo("served");
            assertThat(target.get(split)).isEqualTo("older");
        }

        ok("--slot-action", "--create", "--sid=100", "--gid=2");
        Await.until("the retried slot to stop again", () -> {
            assertThat(admin("--slots-status")).isZero();
            return console.err();
        }, err -> err.startsWith(stopped + "\n"));
        try (Jedis target = new Jedis("127.0.0.1", master2.port())) {
            target.del(split);
        }
        Await.until("slot 100 in group 2", () -> JsonCodec.readTree(ok("slots").getBytes()).get(100),
                slot -> slot.get("group_id").intValue() == 2 && slot.get("action").isEmpty());
        Await.until("no progress in --slots-status", () -> {
            assertThat(admin("--slots-status")).isZero();
            return console.err();
        }, String::isEmpty);
        try (Jedis client = new Jedis("127.0.0.1", HostPort.parse(proxies.get(1).proxy().model().proxyAddr()).port());
                Jedis source = new Jedis("127.0.0.1", master1.port())) {
            for (int i = 0; i < 10; i++) {
                assertThat(client.get(keyIn(100, i))).isEqualTo("v" + i);
            }
            assertThat(client.get(split)).isEqualTo("served");
            assertThat(source.exists(split)).isFalse();
        }
    }

    @Test
    @Order(7)
    void replicaGroupsAndServerRemoval() {
        ok("--replica-groups", "--gid=1", "--addr=" + replica1.addr(), "--enable");
        assertThat(JsonCodec.readTree(ok("--list-group").getBytes()).get(0).get("servers").get(1).get("replica_group")
                .booleanValue()).isTrue();
        ok("--replica-groups", "--gid=1", "--addr=" + replica1.addr(), "--disable");
        assertThat(JsonCodec.readTree(ok("--list-group").getBytes()).get(0).get("servers").get(1).get("replica_group")
                .booleanValue()).isFalse();

        assertThat(admin("--group-del", "--gid=2", "--addr=" + master2.addr())).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: call rpc group-del to dashboard " + addr
                + " failed, [Remote Error] group-[2] can't remove master, still in use\n");
        assertThat(admin("--remove-group", "--gid=1")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: call rpc remove-group to dashboard " + addr
                + " failed, [Remote Error] group-[1] isn't empty\n");
        ok("--group-del", "--gid=1", "--addr=" + replica1.addr());
        assertThat(JsonCodec.readTree(ok("--list-group").getBytes()).get(0).get("servers")).hasSize(1);
    }

    @Test
    @Order(8)
    void proxiesAreReinitedAndRemoved() throws InterruptedException {
        String printed = ok("--reinit-proxy", "--all");
        assertThat(printed).startsWith("reinit proxy: {\n    \"id\": 1,\n    \"token\": \"" + proxies.get(0).proxy().token() + "\",\n");
        assertThat(printed.split("reinit proxy: ", -1)).hasSize(3);
        ok("--reinit-proxy", "--pid=2");
        ok("--reinit-proxy", "--token=" + proxies.get(0).proxy().token());

        assertThat(admin("--remove-proxy", "--addr=127.0.0.1:1")).isEqualTo(1);
        assertThat(console.err()).isEqualTo("codis-admin: can't find specific proxy with addr = 127.0.0.1:1\n");
        assertThat(ok("--remove-proxy", "--addr=" + adminAddr(proxies.get(1)))).isEmpty();
        assertThat(proxies.get(1).proxy().isClosed()).isTrue();
        assertThat(JsonCodec.readTree(ok("--list-proxy").getBytes())).hasSize(1);
    }

    @Test
    @Order(9)
    void reloadLogLevelAndShutdown() throws InterruptedException {
        assertThat(ok("--reload")).isEmpty();
        assertThat(ok("--log-level=warn")).isEmpty();
        assertThat(Logs.level()).isEqualTo(LogLevel.WARN);
        Logs.configure(null, LogLevel.INFO);

        assertThat(ok("--shutdown")).isEmpty();
        Await.until("the dashboard to close", () -> server.dashboard().isClosed());
        assertThat(admin("--group-status")).isEqualTo(1);
        assertThat(console.err()).startsWith("codis-admin: call rpc ");
    }
}
