package io.codis.dashboard;

import static io.codis.common.testkit.SlotKeys.keyIn;
import static io.codis.dashboard.Cluster.doneIn;
import static io.codis.dashboard.Cluster.inState;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.coordinator.CodisPaths;
import io.codis.common.rpc.ApiClient;
import io.codis.common.rpc.XAuth;
import io.codis.common.slot.SlotHash;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.ExternalProcess;
import io.codis.common.testkit.FreePorts;
import io.codis.common.testkit.RedisServer;
import io.codis.common.testkit.ZookeeperServer;
import io.codis.proxy.ProxyMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A dashboard killed with SIGKILL right after it stored any state of a slot action resumes the action
 * and finishes it. codis-dashboard and two codis-proxy run as separate processes over two Redis
 * servers (group 1, the source, and group 2, the target). For each state in turn (pending, preparing,
 * prepared, migrating, finished) one slot's action is brought to that state, the dashboard is killed
 * there and a new one is started with {@code --remove-lock}, as an operator must: the lock node is
 * persistent on every coordinator (models-and-storage.md "The lock node") and outlives its killed holder.
 * <p>
 * The kill lands on the state because what the dashboard waits for next is frozen with SIGSTOP: for
 * preparing, prepared and finished a proxy's answer to the fillslots barrier, for migrating the source
 * master's SCAN; a pending action stays pending while slot actions are disabled.
 */
class KilledDashboardResumesActionTest {
    private static final String PRODUCT = "codis-killed";
    private static final int SOURCE = 1;
    private static final int TARGET = 2;
    /** The slots moved are 1.., one per kill; they start in the source group. */
    private static final int LAST_MOVED = 5;
    /** Few slots, as every slot assigned is one more coordinator write. */
    private static final int ASSIGNED_SLOTS = 32;
    private static final Duration READY = Duration.ofSeconds(60);
    /** Time for a proxy that has applied a fillslots to put its answer on the wire. */
    private static final long ANSWER_GRACE_MILLIS = 300;
    private static final ApiClient ADMIN = new ApiClient(Duration.ofSeconds(10));

    private static RedisServer source;
    private static RedisServer target;
    private static Path dir;
    private static ProxyProcess proxy1;
    private static ProxyProcess proxy2;

    private Cluster cluster;
    private ExternalProcess dashboard;
    private int dashboardsStarted;

    @BeforeAll
    static void startServersAndProxies() throws IOException {
        source = RedisServer.start();
        target = RedisServer.start();
        dir = MemoryDirs.create("codis-killed-dashboard-");
        proxy1 = ProxyProcess.start("codis-proxy-1");
        proxy2 = ProxyProcess.start("codis-proxy-2");
        proxy1.awaitReady();
        proxy2.awaitReady();
    }

    @AfterAll
    static void stopServersAndProxies() {
        for (ProxyProcess p : new ProxyProcess[] {proxy1, proxy2}) {
            if (p != null) {
                p.process.close();
            }
        }
        source.close();
        target.close();
        MemoryDirs.delete(dir);
    }

    @AfterEach
    void stopDashboardAndThaw() {
        stopDashboard();
        proxy1.process.thaw();
        proxy2.process.thaw();
        source.thaw();
        for (RedisServer r : List.of(source, target)) {
            try (Jedis j = new Jedis("127.0.0.1", r.port())) {
                j.flushAll();
            }
        }
    }

    private void stopDashboard() {
        if (dashboard != null) {
            dashboard.close();
            dashboard = null;
        }
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    @Test
    void killedAtEachStateOnTheFilesystemCoordinator() throws Exception {
        Map<String, String> written = setUp("filesystem", dir.resolve("coordinator").toString());
        killWhilePending(1);
        killWhilePreparing(2);
        killWhilePrepared(3);
        killWhileMigrating(4);
        killWhileFinished(5);
        assertKeysThroughBothProxies(written, List.of(1, 2, 3, 4, 5));
    }

    /** The lock and the slots on ZooKeeper: one kill, at the state where the proxies hold the slot locked. */
    @Test
    void killedWhilePreparedOnZookeeper() throws Exception {
        try (ZookeeperServer zookeeper = ZookeeperServer.start()) {
            try {
                Map<String, String> written = setUp("zookeeper", zookeeper.addr());
                killWhilePrepared(1);
                assertKeysThroughBothProxies(written, List.of(1));
            } finally {
                stopDashboard(); // before ZooKeeper, so that their clients close at once
            }
        }
    }

    /**
     * Killed while the keys of a slot are on their way: some are on the target, the others still on
     * the source; the next dashboard moves the rest, and every key reads back through both proxies.
     */
    @Test
    void killedWhileKeysAreMoving() throws Exception {
        Map<String, String> written = setUp("filesystem", dir.resolve("coordinator-moving").toString(),
                "migration_async_numkeys = 10\n");
        Map<String, String> moving = new LinkedHashMap<>();
        try (Jedis client = proxy1.client()) {
            for (int i = 0; i < 200; i++) {
                String key = keyIn(0, i);
                assertThat(client.set(key, "moving " + i)).isEqualTo("OK");
                moving.put(key, "moving " + i);
            }
        }
        cluster.ok("slots/action/interval/200000");
        cluster.ok("slots/action/create/0/" + TARGET);
        Await.until("some keys of slot-0 to move", READY,
                () -> cluster.stats().at("/slot_action/migration/keys_moved").asLong(), n -> n > 0);
        dashboard.kill();
        dashboard.close();
        try (Jedis sourceMaster = new Jedis("127.0.0.1", source.port());
                Jedis targetMaster = new Jedis("127.0.0.1", target.port())) {
            assertThat(targetMaster.dbSize()).as("keys moved before the kill").isPositive();
            assertThat(sourceMaster.exists(moving.keySet().toArray(String[]::new))).as("keys left on the source").isPositive();
        }
        startDashboard(List.of("--remove-lock"), "");
        cluster.awaitSlot(0, doneIn(TARGET));
        written.putAll(moving);
        assertKeysThroughBothProxies(written, List.of(0));
        try (Jedis sourceMaster = new Jedis("127.0.0.1", source.port())) {
            assertThat(sourceMaster.exists(moving.keySet().toArray(String[]::new))).isZero();
        }
    }

    /** A first dashboard, both groups, both proxies, the slots over the groups, and keys through proxy 1. */
    private Map<String, String> setUp(String coordinatorName, String coordinatorAddr) throws IOException {
        return setUp(coordinatorName, coordinatorAddr, "");
    }

    private Map<String, String> setUp(String coordinatorName, String coordinatorAddr, String dashboardToml)
            throws IOException {
        cluster = new Cluster(coordinatorName, coordinatorAddr, PRODUCT, "");
        startDashboard(List.of(), dashboardToml);
        cluster.ok("group/create/" + SOURCE);
        cluster.ok("group/add/" + SOURCE + "/" + source.addr());
        cluster.ok("group/create/" + TARGET);
        cluster.ok("group/add/" + TARGET + "/" + target.addr());
        cluster.ok("proxy/create/" + proxy1.adminAddr);
        cluster.ok("proxy/create/" + proxy2.adminAddr);
        cluster.ok("slots/assign", slotsOverTheGroups());
        return writeThroughProxy1();
    }

    /** The slot loop is disabled, so the action stays as the API stored it. */
    private void killWhilePending(int sid) throws Exception {
        cluster.ok("slots/action/disabled/1");
        createAction(sid);
        killThenResume(sid, "pending");
    }

    /** Proxy 1 does not answer the fillslots (prepared) that must precede storing prepared. */
    private void killWhilePreparing(int sid) throws Exception {
        proxy1.process.freeze();
        createAction(sid);
        killThenResume(sid, "preparing", proxy1.process::thaw);
    }

    /**
     * Proxy 2 answers the fillslots (prepared) while proxy 1 is frozen, then is frozen itself before
     * proxy 1 answers: prepared is stored and the fillslots (migrating) waits for proxy 2.
     */
    private void killWhilePrepared(int sid) throws Exception {
        proxy1.process.freeze();
        createAction(sid);
        awaitLockedIn(proxy2, sid);
        Thread.sleep(ANSWER_GRACE_MILLIS);
        proxy2.process.freeze();
        proxy1.process.thaw();
        killThenResume(sid, "prepared", proxy2.process::thaw);
    }

    /** The source master does not answer the migrator's SCAN. */
    private void killWhileMigrating(int sid) throws Exception {
        source.freeze();
        createAction(sid);
        killThenResume(sid, "migrating", source::thaw);
    }

    /** Held in migrating by the source master, then the fillslots (finished) waits for proxy 1. */
    private void killWhileFinished(int sid) throws Exception {
        source.freeze();
        createAction(sid);
        cluster.awaitSlot(sid, inState("migrating"));
        proxy1.process.freeze();
        source.thaw();
        killThenResume(sid, "finished", proxy1.process::thaw);
    }

    private void createAction(int sid) {
        cluster.ok("slots/action/create/" + sid + "/" + TARGET);
    }

    /** What was written before is still there; a key of each moved slot now lands on the target master. */
    private static void assertKeysThroughBothProxies(Map<String, String> written, List<Integer> moved) {
        try (Jedis through1 = proxy1.client(); Jedis through2 = proxy2.client();
                Jedis sourceMaster = new Jedis("127.0.0.1", source.port());
                Jedis targetMaster = new Jedis("127.0.0.1", target.port())) {
            written.forEach((key, value) -> {
                assertThat(through1.get(key)).as(key).isEqualTo(value);
                assertThat(through2.get(key)).as(key).isEqualTo(value);
            });
            for (int sid : moved) {
                String key = keyIn(sid);
                assertThat(through1.set(key, "after " + sid)).isEqualTo("OK");
                assertThat(through2.get(key)).isEqualTo("after " + sid);
                assertThat(targetMaster.get(key)).isEqualTo("after " + sid);
                assertThat(sourceMaster.exists(key)).isFalse();
            }
        }
    }

    /**
     * Waits until slot {@code sid} is stored in {@code state}, kills the dashboard (the state must
     * still be stored then), lets {@code frozen} run again, starts a new dashboard with
     * {@code --remove-lock} and checks that it finished the action and both proxies follow.
     */
    private void killThenResume(int sid, String state, Runnable... frozen) throws Exception {
        cluster.awaitSlot(sid, inState(state));
        dashboard.kill();
        dashboard.close();
        assertThat(cluster.stored(CodisPaths.slot(PRODUCT, sid)).at("/action/state").asText()).as("stored when killed")
                .isEqualTo(state);
        assertThat(cluster.stored(CodisPaths.topom(PRODUCT))).as("the killed dashboard's lock").isNotNull();
        for (Runnable thaw : frozen) {
            thaw.run();
        }
        startDashboard(List.of("--remove-lock"), "");
        cluster.awaitSlot(sid, doneIn(TARGET));
        for (ProxyProcess proxy : List.of(proxy1, proxy2)) {
            JsonNode slot = proxy.slot(sid);
            assertThat(slot.path("backend_addr").asText()).as(proxy + " slot-" + sid).isEqualTo(target.addr());
            assertThat(slot.path("locked").asBoolean(false)).as(proxy + " slot-" + sid + " locked").isFalse();
            assertThat(slot.path("migrate_from").asText("")).as(proxy + " slot-" + sid + " migrate_from").isEmpty();
        }
    }

    private void startDashboard(List<String> options, String extraToml) throws IOException {
        int port = FreePorts.next();
        String name = "codis-dashboard-" + ++dashboardsStarted;
        Path config = dir.resolve(name + ".toml");
        Files.writeString(config, "admin_addr = \"127.0.0.1:" + port + "\"\n" + extraToml);
        List<String> args = new ArrayList<>(List.of("--config=" + config,
                "--" + cluster.coordinatorName + "=" + cluster.coordinatorAddr, "--product_name=" + PRODUCT));
        args.addAll(options);
        ExternalProcess started = JavaProcesses.start(name, DashboardMain.class, dir, args);
        dashboard = started;
        started.awaitReady(() -> {
            JsonNode lock = cluster.stored(CodisPaths.topom(PRODUCT));
            return lock != null && lock.path("pid").asLong() == started.pid();
        }, READY);
        cluster.attach(port);
    }

    /** Slots 0..15 in the source group, 16..31 in the target group; the others stay offline. */
    private static String slotsOverTheGroups() {
        StringJoiner slots = new StringJoiner(", ", "[", "]");
        for (int sid = 0; sid < ASSIGNED_SLOTS; sid++) {
            slots.add("{\"id\": " + sid + ", \"group_id\": " + (sid < ASSIGNED_SLOTS / 2 ? SOURCE : TARGET)
                    + ", \"action\": {}}");
        }
        return slots.toString();
    }

    /** Keys of both groups, none in the slots to move: the source of a moved slot holds none of its keys. */
    private static Map<String, String> writeThroughProxy1() {
        Map<String, String> written = new LinkedHashMap<>();
        try (Jedis client = proxy1.client()) {
            for (int i = 0; written.size() < 100; i++) {
                String key = "before-" + i;
                int sid = SlotHash.slotOf(key);
                if (sid > LAST_MOVED && sid < ASSIGNED_SLOTS) {
                    assertThat(client.set(key, "value " + i)).isEqualTo("OK");
                    written.put(key, "value " + i);
                }
            }
        }
        return written;
    }

    private static void awaitLockedIn(ProxyProcess proxy, int sid) {
        Await.until(proxy + " to lock slot-" + sid, READY, () -> proxy.slot(sid), slot -> slot.path("locked").asBoolean(false));
    }

    /** A codis-proxy process, put online by the dashboard ({@code proxy/create}). */
    private record ProxyProcess(ExternalProcess process, String adminAddr, int port) {
        static ProxyProcess start(String name) throws IOException {
            int port = FreePorts.next();
            String adminAddr = "127.0.0.1:" + FreePorts.next();
            Path config = dir.resolve(name + ".toml");
            Files.writeString(config, "product_name = \"" + PRODUCT + "\"\nproto_type = \"tcp4\"\nproxy_addr = \"127.0.0.1:"
                    + port + "\"\nadmin_addr = \"" + adminAddr + "\"\n");
            ExternalProcess process = JavaProcesses.start(name, ProxyMain.class, dir, List.of("--ncpu=1", "--config=" + config));
            return new ProxyProcess(process, adminAddr, port);
        }

        void awaitReady() {
            process.awaitReady(this::answers, READY);
        }

        private boolean answers() {
            try {
                ADMIN.get(ApiClient.url(adminAddr, "/api/proxy/model"));
                return true;
            } catch (RuntimeException notYet) {
                return false;
            }
        }

        /** Slot {@code sid} as this proxy routes it ({@code GET /api/proxy/slots/{xauth}}). */
        JsonNode slot(int sid) {
            String token = ADMIN.get(ApiClient.url(adminAddr, "/api/proxy/model"), JsonNode.class).path("token").asText();
            JsonNode slots = ADMIN.get(ApiClient.url(adminAddr, "/api/proxy/slots/" + XAuth.proxy(PRODUCT, "", token)),
                    JsonNode.class);
            return slots.get(sid);
        }

        Jedis client() {
            return new Jedis("127.0.0.1", port);
        }

        @Override
        public String toString() {
            return process.name();
        }
    }
}
