package io.codis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.json.JsonCodec;
import io.codis.common.slot.SlotHash;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.ExternalProcess;
import io.codis.common.testkit.RedisServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;

/**
 * The seed article's steps on each coordinator, every program a separate process started from its
 * jar: 4 Redis servers (groups 1 and 2, each a master and its replica), codis-dashboard and two
 * codis-proxy waiting online; then codis-admin as the article runs it ({@code --create-proxy -x},
 * {@code --create-group}, {@code --group-add}, {@code --rebalance --confirm}) and its status forms
 * ({@code --slots-status}, {@code --proxy-status}, {@code --group-status}) checked line by line. Keys
 * written through one proxy are read through the other, and a proxy killed and started again comes
 * back online with no operator action. Then the README's expand walk-through: a third group takes its
 * share of the slots with {@code --rebalance --confirm} while a client writes through a proxy,
 * {@code --slots-status} shows the progress, and every key and every acknowledged write is there after.
 */
class SeedArticleSequenceTest {
    private static final String PRODUCT = "codis-testX";
    /** Long enough for the 1024 slot actions of the rebalance on a busy machine. */
    private static final Duration SETTLE = Duration.ofSeconds(240);
    private static final int KEYS = 100;
    /** Keys in the cluster before it expands to a third group. */
    private static final int EXPAND_KEYS = 3000;
    /** Group 1's master and replica, then group 2's, then group 3's master: shared by the runs, emptied before each. */
    private static final List<RedisServer> REDIS = new ArrayList<>();
    /** What a failed run left running, for the failure report; stopped after the last run. */
    private static final List<AutoCloseable> LEFT_BY_FAILED_RUNS = new ArrayList<>();

    private JarCluster cluster;
    private boolean passed;

    @BeforeAll
    static void startFourRedisServersAsTwoMastersWithAReplicaEach() {
        for (int i = 0; i < 5; i++) {
            REDIS.add(RedisServer.start());
        }
        replicate(REDIS.get(1), REDIS.get(0));
        replicate(REDIS.get(3), REDIS.get(2));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (AutoCloseable left : LEFT_BY_FAILED_RUNS) {
            left.close();
        }
        REDIS.forEach(RedisServer::close);
    }

    @BeforeEach
    void emptyTheMasters() {
        assertThat(Launcher.redisCli(master(1).port(), "FLUSHALL").stdout()).isEqualTo("OK\n");
        assertThat(Launcher.redisCli(master(2).port(), "FLUSHALL").stdout()).isEqualTo("OK\n");
        assertThat(Launcher.redisCli(master(3).port(), "FLUSHALL").stdout()).isEqualTo("OK\n");
    }

    @AfterEach
    void stopTheRun() {
        if (cluster == null) {
            return;
        }
        if (passed) {
            cluster.close();
        } else {
            LEFT_BY_FAILED_RUNS.add(cluster);
        }
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(CoordinatorKind.class)
    void theArticlesStepsMakeAClusterThatServesThroughBothProxiesAndTakesBackARestartedProxy(CoordinatorKind kind) {
        startDashboardAndTwoProxies(kind);

        assertThat(Launcher.redisCli(cluster.proxyPort(0), "PING").stdout()).isEqualTo("ERR router is not online\n\n");
        cluster.adminSilently(List.of("--create-proxy", "-x", cluster.proxyAdmin(0)), List.of("--create-proxy", "-x", cluster.proxyAdmin(1)));
        assertThat(Launcher.redisCli(cluster.proxyPort(0), "PING").stdout())
                .as("online, but its slots are not assigned yet")
                .isEqualTo("ERR handle request, slot is not ready, may be offline\n\n");
        cluster.adminSilently(List.of("--create-group", "--gid=1"), List.of("--create-group", "--gid=2"));
        cluster.adminSilently(List.of("--group-add", "--gid=1", "--addr=" + master(1).addr()),
                List.of("--group-add", "--gid=2", "--addr=" + master(2).addr()));
        cluster.adminSilently(List.of("--group-add", "--gid=1", "--addr=" + replica(1).addr()),
                List.of("--group-add", "--gid=2", "--addr=" + replica(2).addr()));
        assertThat(cluster.admin("--rebalance", "--confirm")).isEqualTo("[0000,0511] => 1\n[0512,1023] => 2\ndone\n");
        awaitEverySlotServedByItsGroup();

        slotsStatusShowsEachHalfOnItsGroupsMaster();
        groupStatusShowsEachReplicaLinkedToItsMaster();
        List<String> proxyStatus = proxyStatusShowsBothProxiesOnline();

        keysWrittenThroughOneProxyAreReadThroughTheOtherFromTheirGroupsMaster();
        aKilledProxyStartedAgainComesBackOnlineByItself(proxyStatus);
        aThirdGroupTakesItsShareWhileAClientWritesAndNothingIsLost();
        passed = true;
    }

    private void startDashboardAndTwoProxies(CoordinatorKind kind) {
        cluster = JarCluster.start("seed-article", kind, PRODUCT, 2);
    }

    private void awaitEverySlotServedByItsGroup() {
        cluster.dashboardProcess().awaitReady(() -> AdminHttp.get(cluster.dashboard(), "/topom/stats")
                .map(stats -> IntStream.range(0, SlotHash.SLOT_COUNT).allMatch(sid -> {
                    JsonNode slot = stats.path("slots").path(sid);
                    return slot.path("group_id").asInt() == groupOf(sid) && slot.path("action").path("state").asText().isEmpty();
                }))
                .orElse(false), SETTLE);
    }

    private void slotsStatusShowsEachHalfOnItsGroupsMaster() {
        JsonNode slots = JsonCodec.readTree(cluster.admin("--slots-status").getBytes(StandardCharsets.UTF_8));
        assertThat(slots).hasSize(SlotHash.SLOT_COUNT);
        for (int sid = 0; sid < SlotHash.SLOT_COUNT; sid++) {
            JsonNode slot = slots.get(sid);
            assertThat(slot.path("id").asInt()).isEqualTo(sid);
            assertThat(slot.path("backend_addr").asText()).as("slot %d", sid).isEqualTo(master(groupOf(sid)).addr());
            assertThat(slot.path("backend_addr_group_id").asInt()).as("slot %d", sid).isEqualTo(groupOf(sid));
            assertThat(slot.has("migrate_from")).as("slot %d", sid).isFalse();
        }
    }

    private void groupStatusShowsEachReplicaLinkedToItsMaster() {
        int width = REDIS.stream().mapToInt(server -> server.addr().length()).max().orElseThrow();
        List<String> expected = new ArrayList<>();
        for (int gid = 1; gid <= 2; gid++) {
            expected.add(String.format("[ ] group-%d [0] %-" + width + "s      ==> NO:ONE", gid, master(gid).addr()));
            expected.add(String.format("[ ] group-%d [1] %-" + width + "s      ==> %s:up", gid, replica(gid).addr(),
                    master(gid).addr()));
        }
        assertThat(cluster.admin("--group-status").lines().toList()).isEqualTo(expected);
    }

    private void keysWrittenThroughOneProxyAreReadThroughTheOtherFromTheirGroupsMaster() {
        int first = cluster.proxyPort(0);
        int second = cluster.proxyPort(1);
        assertThat(Launcher.redisCli(first, "SET", "age", "1233").stdout()).isEqualTo("OK\n");
        assertThat(Launcher.redisCli(second, "GET", "age").stdout()).isEqualTo("1233\n");

        List<String> mset = new ArrayList<>(List.of("MSET"));
        for (int i = 0; i < KEYS; i++) {
            mset.addAll(List.of(key(i), value(i)));
        }
        assertThat(Launcher.redisCli(first, mset.toArray(String[]::new)).stdout()).isEqualTo("OK\n");
        assertThat(Launcher.redisCli(second, mgetOf(IntStream.range(0, KEYS).boxed().toList())).stdout())
                .isEqualTo(valuesOf(IntStream.range(0, KEYS).boxed().toList()));

        for (int gid = 1; gid <= 2; gid++) {
            int group = gid;
            List<Integer> own = IntStream.range(0, KEYS).filter(i -> groupOf(SlotHash.slotOf(key(i))) == group).boxed().toList();
            assertThat(own).as("keys of group %d", gid).isNotEmpty();
            assertThat(Launcher.redisCli(master(gid).port(), mgetOf(own)).stdout()).isEqualTo(valuesOf(own));
            List<String> exists = new ArrayList<>(List.of("EXISTS"));
            own.forEach(i -> exists.add(key(i)));
            assertThat(Launcher.redisCli(master(3 - gid).port(), exists.toArray(String[]::new)).stdout())
                    .as("keys of group %d on the other group's master", gid).isEqualTo("0\n");
        }
    }

    private void aKilledProxyStartedAgainComesBackOnlineByItself(List<String> proxyStatusBefore) {
        ExternalProcess proxy = cluster.proxy(1);
        String proxyAdmin = cluster.proxyAdmin(1);
        String token = AdminHttp.get(proxyAdmin, "/api/proxy/model").orElseThrow().path("token").asText();

        proxy.kill();
        assertThat(Launcher.redisCli(cluster.proxyPort(1), "PING").exitCode()).isNotZero();
        proxy.restart(cluster.dir());

        proxy.awaitReady(() -> AdminHttp.get(proxyAdmin, "/proxy/stats")
                .map(stats -> stats.path("online").asBoolean()).orElse(false), SETTLE);
        assertThat(AdminHttp.get(proxyAdmin, "/api/proxy/model").orElseThrow().path("token").asText()).isEqualTo(token);
        assertThat(Launcher.redisCli(cluster.proxyPort(1), mgetOf(IntStream.range(0, KEYS).boxed().toList())).stdout())
                .isEqualTo(valuesOf(IntStream.range(0, KEYS).boxed().toList()));
        cluster.dashboardProcess().awaitReady(() -> AdminHttp.get(cluster.dashboard(), "/topom/stats")
                .map(stats -> stats.path("proxy").path("stats").path(token).path("stats").path("online").asBoolean())
                .orElse(false), SETTLE);
        assertThat(proxyStatusLines()).isEqualTo(proxyStatusBefore);
    }

    private void aThirdGroupTakesItsShareWhileAClientWritesAndNothingIsLost() {
        try (Jedis loader = new Jedis("127.0.0.1", cluster.proxyPort(0))) {
            for (int i = 0; i < EXPAND_KEYS; i += 500) {
                List<String> mset = new ArrayList<>();
                IntStream.range(i, i + 500).forEach(k -> mset.addAll(List.of(expandKey(k), value(k))));
                assertThat(loader.mset(mset.toArray(String[]::new))).isEqualTo("OK");
            }
        }
        cluster.adminSilently(List.of("--create-group", "--gid=3"));
        cluster.adminSilently(List.of("--group-add", "--gid=3", "--addr=" + master(3).addr()));
        cluster.adminSilently(List.of("--slot-action", "--interval=1000000")); // a batch a second: slow enough to watch
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Map<String, Long>> acknowledged = CompletableFuture.supplyAsync(() -> {
            Map<String, Long> last = new HashMap<>();
            try (Jedis writer = new Jedis("127.0.0.1", cluster.proxyPort(1))) {
                for (long n = 1; writing.get(); n++) {
                    String counter = "expand:counter:" + (n % 50);
                    last.put(counter, writer.incr(counter));
                }
            }
            return last;
        });

        assertThat(cluster.admin("--rebalance", "--confirm")).matches("(\\[\\d{4},\\d{4}] => 3\n)+done\n");
        String progress = Await.until("--slots-status to show keys moving", SETTLE,
                () -> adminStderr("--slots-status"), err -> err.contains(" slots: ") && err.contains(" keys moved"));
        assertThat(progress.lines().filter(l -> l.startsWith("migrating ")).findFirst().orElseThrow())
                .matches("migrating \\d+ slots: \\d+ keys moved \\(\\d+\\.\\d MB\\), \\d+ keys/s, \\d+\\.\\d MB/s");
        cluster.adminSilently(List.of("--slot-action", "--interval=0"));
        cluster.awaitNoSlotActions(SETTLE);
        writing.set(false);
        Map<String, Long> last = acknowledged.join();

        JsonNode slots = JsonCodec.readTree(cluster.admin("--slots-status").getBytes(StandardCharsets.UTF_8));
        long onGroup3 = IntStream.range(0, SlotHash.SLOT_COUNT)
                .filter(sid -> slots.get(sid).path("backend_addr_group_id").asInt() == 3).count();
        assertThat(onGroup3).as("slots on group 3").isBetween(340L, 342L);
        try (Jedis reader = new Jedis("127.0.0.1", cluster.proxyPort(0));
                Jedis third = new Jedis("127.0.0.1", master(3).port())) {
            for (int k = 0; k < EXPAND_KEYS; k++) {
                assertThat(reader.get(expandKey(k))).as(expandKey(k)).isEqualTo(value(k));
            }
            last.forEach((counter, value) -> assertThat(Long.parseLong(reader.get(counter))).as(counter).isEqualTo(value));
            assertThat(third.dbSize()).as("keys on group 3's master").isPositive();
        }
    }

    private static String expandKey(int i) {
        return "expand:key:" + i;
    }

    /** codis-admin --dashboard=ADDR ARGS: must succeed; returns what it printed on standard error. */
    private String adminStderr(String... args) {
        return cluster.adminRun(args).stderr();
    }

    /** One line a proxy, by id; the two were created side by side, so either may be proxy-1. */
    private List<String> proxyStatusShowsBothProxiesOnline() {
        List<String> lines = proxyStatusLines();
        Pattern line = Pattern.compile("\\[ ] proxy-(\\d) \\[T] [0-9a-f]{32} \\[A] (\\S+) +\\[P] (\\S+) *");
        Map<String, String> proxyAddrByAdmin = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher matcher = line.matcher(lines.get(i));
            assertThat(matcher.matches()).as("line %s", lines.get(i)).isTrue();
            assertThat(matcher.group(1)).isEqualTo(Integer.toString(i + 1));
            proxyAddrByAdmin.put(matcher.group(2), matcher.group(3));
        }
        assertThat(proxyAddrByAdmin).containsOnly(
                Map.entry(cluster.proxyAdmin(0), "127.0.0.1:" + cluster.proxyPort(0)),
                Map.entry(cluster.proxyAdmin(1), "127.0.0.1:" + cluster.proxyPort(1)));
        return lines;
    }

    private List<String> proxyStatusLines() {
        return cluster.admin("--proxy-status").lines().toList();
    }

    private static void replicate(RedisServer replica, RedisServer master) {
        assertThat(Launcher.redisCli(replica.port(), "REPLICAOF", "127.0.0.1", Integer.toString(master.port())).stdout())
                .isEqualTo("OK\n");
        Await.until(replica + " linked to " + master, () -> Launcher.redisCli(replica.port(), "INFO", "replication").stdout(),
                info -> info.contains("master_link_status:up"));
    }

    /** Where the article's rebalance puts a slot with two groups: the lower half on group 1. */
    private static int groupOf(int sid) {
        return sid < SlotHash.SLOT_COUNT / 2 ? 1 : 2;
    }

    private static RedisServer master(int gid) {
        return REDIS.get(2 * (gid - 1));
    }

    private static RedisServer replica(int gid) {
        return REDIS.get(2 * (gid - 1) + 1);
    }

    private static String key(int i) {
        return "article:key:" + i;
    }

    private static String value(int i) {
        return "value-" + i;
    }

    private static String[] mgetOf(List<Integer> indexes) {
        List<String> command = new ArrayList<>(List.of("MGET"));
        indexes.forEach(i -> command.add(key(i)));
        return command.toArray(String[]::new);
    }

    /** redis-cli's MGET output for these keys: one value a line. */
    private static String valuesOf(List<Integer> indexes) {
        StringBuilder lines = new StringBuilder();
        indexes.forEach(i -> lines.append(value(i)).append('\n'));
        return lines.toString();
    }
}
