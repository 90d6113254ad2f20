package io.codis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.json.JsonCodec;
import io.codis.common.slot.SlotHash;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.ExternalProcess;
import io.codis.common.testkit.FreePorts;
import io.codis.common.testkit.RedisServer;
import io.codis.common.testkit.SentinelServer;
import io.codis.common.testkit.SlotKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The web console in a real headless Chromium, against a cluster started from the jars (Redis
 * servers, codis-dashboard, codis-proxy and codis-fe on the filesystem coordinator): an operator
 * creates the groups, adds the servers and the proxy, assigns slots 0-511 to group 1 and 512-1023 to
 * group 2 and migrates 10 slots holding keys, watching the slot map and the migration's progress;
 * promotes group 1's replica (the servers reordered, the proxy writing to the new master) and makes
 * the old master its replica with SLAVEOF; adds a real redis-sentinel and SYNCs it (the sentinel
 * monitors both masters, the Group panel marks them [HA], the Sentinels panel shows what it
 * watches); has the sentinel fail group 1 over (the page shows the switched servers out of sync)
 * and resyncs the group from its SYNC button; makes a real HA conflict (a promotion stopped by a dead
 * proxy, the sentinel failing over to the replica being promoted), where the page marks the real
 * master and the actions that would override it ask in red, and resolves it; and a dashboard that
 * goes down is said so while the page stays usable, and is picked up again when it is back. After each action the dashboard's model is read through its own API, not only the page.
 * Screenshots of each step go to {@code target/console-screenshots/}.
 */
class ConsoleBrowserTest {
    private static final String PRODUCT = "codis-demo";
    /** For slot actions: 512 offline slots take the dashboard ~15 s on a loaded 2-core machine. */
    private static final Duration SETTLE = Duration.ofSeconds(120);
    private static final int MOVED_SLOTS = 10;
    private static final int KEYS_PER_SLOT = 20;
    /** Between two batches of keys, so that the 10 slots, moved one at a time, take a few seconds. */
    private static final int ACTION_INTERVAL_MICROS = 500_000;
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final List<AutoCloseable> STARTED = new ArrayList<>();

    private static JarCluster cluster;
    private static RedisServer master1;
    private static RedisServer replica1;
    private static RedisServer master2;
    private static String dashboard;
    private static int proxyPort;
    private static String proxyAdmin;
    private static HeadlessChromium chromium;
    private static ConsolePage page;
    private int screenshots;

    @BeforeAll
    static void startTheClusterAndTheBrowser() {
        master1 = started(RedisServer.start());
        replica1 = started(RedisServer.start());
        master2 = started(RedisServer.start());
        assertThat(Launcher.redisCli(replica1.port(), "REPLICAOF", "127.0.0.1", Integer.toString(master1.port())).stdout())
                .isEqualTo("OK\n");
        cluster = started(JarCluster.start("console-browser", CoordinatorKind.FILESYSTEM, PRODUCT, 1,
                dashboardToml -> dashboardToml.set("migration_parallel_slots", 1).set("sentinel_auto_resync", false)));
        dashboard = cluster.dashboard();
        proxyPort = cluster.proxyPort(0);
        proxyAdmin = cluster.proxyAdmin(0);
        String fe = "127.0.0.1:" + FreePorts.next();
        ExternalProcess feProcess = started(Launcher.start("codis-fe", "codis-fe", cluster.dir(),
                "--filesystem=" + cluster.coordinatorAddr(), "--listen=" + fe, "--log-level=warn"));
        chromium = started(HeadlessChromium.start(cluster.dir().resolve("chromedriver.log")));
        page = new ConsolePage(chromium.driver(), "http://" + fe);
        feProcess.awaitReady(() -> AdminHttp.get(fe, "/list").map(list -> list.toString().contains(PRODUCT)).orElse(false),
                JarCluster.STARTUP);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        Collections.reverse(STARTED);
        for (AutoCloseable each : STARTED) {
            each.close();
        }
    }

    @Test
    void anOperatorBuildsTheClusterAndMovesSlotsFromTheConsole() {
        page.open(PRODUCT);
        page.refreshEverySecond();
        screenshot("empty-product");

        createGroupWithServers(1, master1, replica1);
        createGroupWithServers(2, master2);
        addTheProxy();
        migrateRange(0, 511, 1);
        migrateRange(512, 1023, 2);
        awaitSlotsAtRestOn(0, 511, 1);
        awaitSlotsAtRestOn(512, 1023, 2);
        screenshot("slots-assigned");

        writeKeysInTheFirstSlots();
        migrateTheFirstSlotsToGroup2WatchingTheProgress();
        promoteTheReplicaOfGroup1();
        SentinelServer sentinel = addASentinelAndSyncIt();
        aSentinelFailoverIsShownAndSyncedFromTheGroupPanel(sentinel);
        theConsoleWarnsWhenTheSentinelsMasterIsAReplicaOfAGroupBeingPromoted(sentinel);
        aDashboardThatGoesDownIsSaidSoAndPickedUpAgain();
    }

    /**
     * The console's rules for the sentinels' real masters and the migration's progress, run in the
     * browser on stats written for the cases the cluster above does not reach (a conflict in a group
     * of three, the proxy's resync, a dashboard restarted mid-migration).
     */
    @Test
    void theConsoleWarnsBeforeActionsAgainstTheSentinelsRealMasterAndCountsTheMigrationItSaw() {
        String groups = "const groups = [{id: 1, servers: [{server: 'a:1'}, {server: 'b:1'}, {server: 'e:1'}]},"
                + " {id: 2, servers: [{server: 'c:2'}, {server: 'd:2'}]}];";
        assertThat(json(page.callModule("js/ha.js", groups + " return m.haConflicts(groups, {1: 'b:1', 2: 'c:2'});")))
                .isEqualTo(json("[{\"group\": 1, \"logical_master\": \"a:1\", \"ha_real_master\": \"b:1\"}]"));
        assertThat(json(page.callModule("js/ha.js", groups + " return m.haConflicts(groups, {1: 'a:1'});"))).isEmpty();

        JsonNode promoteOther = json(page.callModule("js/ha.js", groups + " return m.serverConfirmation('Promote server e:1"
                + " from Group-[1]: ', groups[0], {1: 'b:1'}, real => real !== 'e:1', 'do you really want to promote e:1');"));
        assertThat(promoteOther.path("dangerous").asBoolean()).isTrue();
        assertThat(promoteOther.path("message").asText()).startsWith("Promote server e:1 from Group-[1]: {")
                .contains("\"servers\": [").endsWith("HA: server[1]=b:1 should be the real group master,"
                        + " do you really want to promote e:1 ??");
        JsonNode promoteReal = json(page.callModule("js/ha.js", groups + " return m.serverConfirmation('Promote', groups[0],"
                + " {1: 'b:1'}, real => real !== 'b:1', 'do you really want to promote b:1');"));
        assertThat(promoteReal.path("dangerous").asBoolean()).isFalse();

        JsonNode resync = json(page.callModule("js/ha.js", groups + " return m.resyncConfirmation('Reinit and Start proxy: ',"
                + " {token: 't'}, m.haConflicts(groups, {1: 'b:1'}), 'proxy-[t]');"));
        assertThat(resync.path("dangerous").asBoolean()).isTrue();
        assertThat(resync.path("message").asText()).contains("HA: real master & logical master area conflicting: [")
                .endsWith("Please fix these before resync proxy-[t].");

        // pending while actions are disabled, then moving, one done, the dashboard restarted (its count
        // starts again from 0), and all done
        JsonNode looks = json(page.callModule("js/panels/slots.js", "const w = new m.MigrationWatch();"
                + " const slots = (a, b) => [{id: 0, action: a}, {id: 1, action: b}];"
                + " const pending = {state: 'pending'}, migrating = {state: 'migrating'}, rest = {};"
                + " return [w.update(slots(pending, pending), {keys_moved: 100}, 0),"
                + " w.update(slots(migrating, pending), {keys_moved: 110}, 1000),"
                + " w.update(slots(rest, migrating), {keys_moved: 120}, 2000),"
                + " w.update(slots(rest, migrating), {keys_moved: 5}, 3000),"
                + " w.update(slots(rest, rest), {keys_moved: 10}, 4000)];"));
        assertThat(looks.get(0).toString()).isEqualTo("{\"total\":2,\"pending\":2,\"running\":0,\"done\":0,"
                + "\"keysMoved\":0,\"keysPerSec\":0,\"secondsLeft\":null}");
        assertThat(looks.get(1).toString()).as("timed from the look before a slot left pending")
                .isEqualTo("{\"total\":2,\"pending\":1,\"running\":1,\"done\":0,"
                        + "\"keysMoved\":10,\"keysPerSec\":10,\"secondsLeft\":null}");
        assertThat(looks.get(2).toString()).isEqualTo("{\"total\":2,\"pending\":0,\"running\":1,\"done\":1,"
                + "\"keysMoved\":20,\"keysPerSec\":10,\"secondsLeft\":2}");
        assertThat(looks.get(3).path("keysMoved").asLong()).as("after the dashboard restarted").isZero();
        assertThat(looks.get(4).toString()).isEqualTo("{\"total\":0,\"pending\":0,\"running\":0,\"done\":2,"
                + "\"keysMoved\":null,\"keysPerSec\":null,\"secondsLeft\":null}");
    }

    private static JsonNode json(String text) {
        assertThat(text).doesNotStartWith("failed:");
        return JsonCodec.readTree(text.getBytes(StandardCharsets.UTF_8));
    }

    private void createGroupWithServers(int gid, RedisServer... servers) {
        page.type("group-id", gid);
        page.click("group-create");
        page.await("the table of group " + gid, "document.getElementById('group-' + arguments[0]) !== null", gid);
        assertThat(group(stats(), gid)).as("group %d in the dashboard's model", gid).isNotNull();
        for (RedisServer server : servers) {
            page.type("server-addr", server.addr());
            page.type("server-group", gid);
            page.click("server-add");
            page.await(server.addr() + " in group " + gid,
                    "document.querySelector('#group-' + arguments[0] + ' tr[data-server=\"' + arguments[1] + '\"]') !== null",
                    gid, server.addr());
        }
        assertThat(serversOf(group(stats(), gid))).containsExactly(
                Arrays.stream(servers).map(RedisServer::addr).toArray(String[]::new));
        screenshot("group-" + gid);
    }

    private void addTheProxy() {
        page.type("proxy-addr", proxyAdmin);
        page.click("proxy-create");
        page.await("the proxy to be shown online", "document.getElementById('proxy-1')?.dataset.status === 'HEALTHY'");
        JsonNode stats = stats();
        JsonNode proxy = stats.path("proxy").path("models").path(0);
        assertThat(proxy.path("admin_addr").asText()).isEqualTo(proxyAdmin);
        assertThat(proxy.path("proxy_addr").asText()).isEqualTo("127.0.0.1:" + proxyPort);
        assertThat(stats.path("proxy").path("stats").path(proxy.path("token").asText()).path("stats").path("online").asBoolean())
                .isTrue();
        screenshot("proxy");
    }

    /** Migrate Range from the console, confirmed. */
    private void migrateRange(int begin, int end, int gid) {
        page.type("range-begin", begin);
        page.type("range-end", end);
        page.type("range-group", gid);
        page.click("range-migrate");
        assertThat(page.confirm()).isEqualTo("Migrate Slots-[" + begin + "," + end + "] to Group-[" + gid + "]");
    }

    /** The slot map and the dashboard's model show slots begin..end on group gid, none with an action. */
    private void awaitSlotsAtRestOn(int begin, int end, int gid) {
        page.await("slots " + begin + "-" + end + " on group " + gid + " in the slot map", SETTLE,
                "[...document.querySelectorAll('#slot-map .slot')].slice(arguments[0], arguments[1] + 1)"
                        + ".every(c => c.dataset.group === String(arguments[2]) && !c.dataset.state)", begin, end, gid);
        JsonNode slots = stats().path("slots");
        for (int sid = begin; sid <= end; sid++) {
            assertThat(slots.path(sid).path("group_id").asInt()).as("slot %d", sid).isEqualTo(gid);
            assertThat(slots.path(sid).path("action").path("state").asText()).as("slot %d", sid).isEmpty();
        }
        assertThat(page.text("slot-legend")).contains("Group-" + gid + ":");
    }

    private void writeKeysInTheFirstSlots() {
        try (Jedis client = new Jedis("127.0.0.1", proxyPort)) {
            for (int sid = 0; sid < MOVED_SLOTS; sid++) {
                for (int n = 0; n < KEYS_PER_SLOT; n++) {
                    assertThat(client.set(SlotKeys.keyIn(sid, n), "value-" + sid + "-" + n)).isEqualTo("OK");
                }
            }
        }
        int keys = MOVED_SLOTS * KEYS_PER_SLOT;
        page.await("the overview to count the keys written", "document.getElementById('overview-keys').textContent === arguments[0]",
                String.valueOf(keys));
        awaitGroupBars(keys, 0, SlotHash.SLOT_COUNT / 2, SlotHash.SLOT_COUNT / 2);
        assertThat(stats().path("group").path("stats").path(master1.addr()).path("stats").path("db0").asText())
                .startsWith("keys=" + keys + ",");
        theProxysOpsChartShowsTraffic();
    }

    /** The bars of the Group panel: the keys and slots of each group's master. */
    private void awaitGroupBars(int keys1, int keys2, int slots1, int slots2) {
        page.await("the group bars to show keys " + keys1 + "/" + keys2 + " and slots " + slots1 + "/" + slots2,
                "[[1, 'keys', arguments[0]], [2, 'keys', arguments[1]], [1, 'slots', arguments[2]], [2, 'slots', arguments[3]]]"
                        + ".every(([gid, kind, value]) => document.querySelector('#group-bars tr[data-gid=\"' + gid + '\"]"
                        + " .bar[data-kind=\"' + kind + '\"]')?.dataset.value === String(value))", keys1, keys2, slots1, slots2);
    }

    /** Commands through the proxy until its OP/s sparkline shows them. */
    private void theProxysOpsChartShowsTraffic() {
        try (Jedis client = new Jedis("127.0.0.1", proxyPort)) {
            Await.until("the proxy's OP/s chart to show traffic", ConsolePage.PATIENCE, () -> {
                for (int n = 0; n < KEYS_PER_SLOT; n++) {
                    client.get(SlotKeys.keyIn(0, n));
                }
                return Boolean.TRUE.equals(page.script("return Number(document.querySelector('#proxy-1 td.ops svg')"
                        + "?.dataset.max) > 0;"));
            });
        }
        JsonNode proxy = stats().path("proxy");
        String token = proxy.path("models").path(0).path("token").asText();
        assertThat(proxy.path("stats").path(token).path("stats").path("ops").path("total").asLong())
                .isGreaterThanOrEqualTo((long) MOVED_SLOTS * KEYS_PER_SLOT);
    }

    private void migrateTheFirstSlotsToGroup2WatchingTheProgress() {
        page.type("action-interval", ACTION_INTERVAL_MICROS);
        page.click("action-interval-update");
        page.await("the new action interval", "document.getElementById('action-interval').placeholder === arguments[0]",
                String.valueOf(ACTION_INTERVAL_MICROS));
        assertThat(stats().path("slot_action").path("interval").asInt()).isEqualTo(ACTION_INTERVAL_MICROS);

        page.click("action-disable");
        page.await("actions disabled", "document.getElementById('action-state').textContent === 'Action : Disabled'");
        assertThat(stats().path("slot_action").path("disabled").asBoolean()).isTrue();

        migrateRange(0, MOVED_SLOTS - 1, 2);
        page.await("the slots waiting in the slot map and the progress",
                "[...document.querySelectorAll('#slot-map .slot')].slice(0, arguments[0]).every(c => c.dataset.state === 'pending')"
                        + " && document.getElementById('migration-progress').checkVisibility()"
                        + " && document.getElementById('migration-pending').textContent === String(arguments[0])", MOVED_SLOTS);
        assertThat(page.slotMap().subList(0, MOVED_SLOTS)).containsOnly("1:pending>2");
        JsonNode slots = stats().path("slots");
        for (int sid = 0; sid < MOVED_SLOTS; sid++) {
            assertThat(slots.path(sid).path("action").path("state").asText()).as("slot %d", sid).isEqualTo("pending");
            assertThat(slots.path(sid).path("action").path("target_id").asInt()).as("slot %d", sid).isEqualTo(2);
        }
        screenshot("migration-pending");

        page.click("action-enable");
        page.await("some slots done while another moves its keys", SETTLE,
                "Number(document.getElementById('migration-done').textContent) >= 1 && Number(document.getElementById("
                        + "'migration-pending').textContent) + Number(document.getElementById('migration-running').textContent) >= 1"
                        + " && document.querySelectorAll('#migration-slot-rows tr').length >= 1");
        screenshot("migration-running");
        int doneOnPage = Integer.parseInt(page.text("migration-done"));
        assertThat(Long.parseLong(page.text("migration-keys").replace(",", ""))).as("keys moved, on the page")
                .isGreaterThanOrEqualTo((long) doneOnPage * KEYS_PER_SLOT);
        assertThat(Long.parseLong(page.text("migration-rate").replace(",", ""))).as("keys/s, on the page").isPositive();
        @SuppressWarnings("unchecked")
        List<Long> movingOnPage = (List<Long>) page.script(
                "return [...document.querySelectorAll('#migration-slot-rows tr')].map(r => Number(r.dataset.slot));");
        assertThat(movingOnPage).allSatisfy(sid -> assertThat(sid).isBetween(0L, (long) MOVED_SLOTS - 1));
        JsonNode stats = stats();
        long doneInModel = IntStream.range(0, MOVED_SLOTS).filter(sid -> slotAtRestOn(stats, sid, 2)).count();
        assertThat(doneInModel).as("slots done in the dashboard's model").isGreaterThanOrEqualTo(doneOnPage);

        page.await("every moved slot on group 2 and the progress gone", SETTLE,
                "[...document.querySelectorAll('#slot-map .slot')].slice(0, arguments[0])"
                        + ".every(c => c.dataset.group === '2' && !c.dataset.state)"
                        + " && !document.getElementById('migration-progress').checkVisibility()", MOVED_SLOTS);
        JsonNode after = stats();
        assertThat(IntStream.range(0, MOVED_SLOTS).allMatch(sid -> slotAtRestOn(after, sid, 2))).isTrue();
        assertThat(after.path("slot_action").path("migration").path("keys_moved").asLong())
                .isGreaterThanOrEqualTo((long) MOVED_SLOTS * KEYS_PER_SLOT);
        assertThat(page.text("slot-legend")).contains("Group-1:502", "Group-2:522");
        awaitGroupBars(0, MOVED_SLOTS * KEYS_PER_SLOT, 502, 522);
        try (Jedis client = new Jedis("127.0.0.1", proxyPort)) {
            for (int sid = 0; sid < MOVED_SLOTS; sid++) {
                for (int n = 0; n < KEYS_PER_SLOT; n++) {
                    assertThat(client.get(SlotKeys.keyIn(sid, n))).isEqualTo("value-" + sid + "-" + n);
                }
            }
        }
        try (Jedis direct = new Jedis("127.0.0.1", master2.port())) {
            assertThat(direct.dbSize()).as("keys on group 2's master").isEqualTo((long) MOVED_SLOTS * KEYS_PER_SLOT);
        }
        screenshot("migration-done");
    }

    /**
     * PROMOTE on group 1's replica: the servers reordered, the new master answering the proxy, the old
     * one left a master (shown red) until its SLAVEOF makes it the replica.
     */
    private void promoteTheReplicaOfGroup1() {
        page.clickWhenShown("promote-" + replica1.addr());
        assertThat(page.confirm()).startsWith("Promote server " + replica1.addr() + " from Group-[1]: {")
                .contains(master1.addr()).doesNotContain("HA:");
        page.await("the promoted replica first in group 1's table and the old master last",
                serverAt(1, 0, replica1) + " && " + serverAt(1, 1, master1));
        JsonNode group1 = group(stats(), 1);
        assertThat(serversOf(group1)).containsExactly(replica1.addr(), master1.addr());
        assertThat(group1.path("promoting").path("state").asText()).isEmpty();
        assertThat(group1.path("out_of_sync").asBoolean()).isFalse();
        assertThat(role(replica1)).isEqualTo("master");
        assertThat(role(master1)).as("the old master is not demoted by the promotion").isEqualTo("master");
        page.await("the old master's Master column in red, with its own PROMOTE",
                masterCell(1, master1) + "?.querySelector('.bad')?.textContent === 'NO:ONE'"
                        + " && document.getElementById('promote-' + arguments[0]) !== null", master1.addr());
        String key = SlotKeys.keyIn(SlotHash.SLOT_COUNT / 4, 0);
        try (Jedis client = new Jedis("127.0.0.1", proxyPort); Jedis direct = new Jedis("127.0.0.1", replica1.port())) {
            assertThat(client.set(key, "after-promote")).isEqualTo("OK");
            assertThat(direct.get(key)).as("written through the proxy, on the new master").isEqualTo("after-promote");
        }
        screenshot("promoted");

        page.clickWhenShown("slaveof-" + master1.addr());
        page.await("the old master replicating the new one", masterCell(1, master1) + "?.textContent === arguments[0] + ':up'",
                replica1.addr());
        assertThat(role(master1)).isEqualTo("slave");
        assertThat(actionOf(group(stats(), 1), master1)).as("CONFIG REWRITE fails on a server without a config file")
                .isIn("synced", "synced_failed");
        screenshot("old-master-replicating");
    }

    /**
     * Add Sentinel with a real redis-sentinel, then the Sentinels panel's SYNC: the sentinel monitors
     * both groups' masters, which the Group panel marks [HA].
     */
    private SentinelServer addASentinelAndSyncIt() {
        SentinelServer sentinel = started(SentinelServer.start());
        page.type("sentinel-addr", sentinel.addr());
        page.click("sentinel-add");
        page.await("the sentinel's row and the panel out of sync", sentinelRow() + " !== null"
                + " && document.getElementById('sentinel-header').textContent.includes('(OUT OF SYNC)')", sentinel.addr());
        JsonNode model = stats().path("sentinels").path("model");
        assertThat(model.path("servers").toString()).isEqualTo("[\"" + sentinel.addr() + "\"]");
        assertThat(model.path("out_of_sync").asBoolean()).isTrue();
        assertThat(monitored(sentinel)).as("nothing monitored before the resync").isEmpty();
        screenshot("sentinel-added");

        page.clickWhenShown("sentinel-resync-all");
        assertThat(page.confirm()).startsWith("Resync All Sentinels: [").contains(sentinel.addr()).doesNotContain("HA:");
        page.await("the Sentinels panel in sync, its sentinel watching both groups",
                sentinelRow() + "?.cells[3].textContent.startsWith('masters=2,down=0,')"
                        + " && !document.getElementById('sentinel-header').textContent.includes('(OUT OF SYNC)')", sentinel.addr());
        page.await("the [HA] marks on the groups' masters", haMarked(1, replica1) + " && " + haMarked(2, master2)
                + " && " + serverRow(1, master1) + ".classList.contains('ha_slave')");
        assertThat(monitored(sentinel)).containsEntry(PRODUCT + "-1", replica1.addr()).containsEntry(PRODUCT + "-2", master2.addr());
        JsonNode sentinels = stats().path("sentinels");
        assertThat(sentinels.path("model").path("out_of_sync").asBoolean()).isFalse();
        assertThat(sentinels.path("masters").path("1").asText()).isEqualTo(replica1.addr());
        assertThat(sentinels.path("masters").path("2").asText()).isEqualTo(master2.addr());
        screenshot("sentinel-synced");
        return sentinel;
    }

    /**
     * The sentinel fails group 1 over to its replica: the dashboard swaps the group's servers and marks
     * it out of sync, the page shows the new [HA] master and a red SYNC, which pushes it to the proxy.
     */
    private void aSentinelFailoverIsShownAndSyncedFromTheGroupPanel(SentinelServer sentinel) {
        failOver(sentinel);
        page.await("the old master back first, [HA], and group 1 out of sync", serverAt(1, 0, master1) + " && "
                + haMarked(1, master1) + " && document.getElementById('group-resync-1')?.classList.contains('bad')"
                + " && document.querySelector('#group-1 thead').textContent.includes('(OUT OF SYNC)')", master1.addr());
        JsonNode group1 = group(stats(), 1);
        assertThat(serversOf(group1)).containsExactly(master1.addr(), replica1.addr());
        assertThat(group1.path("out_of_sync").asBoolean()).isTrue();
        screenshot("sentinel-failover");

        page.clickWhenShown("group-resync-1");
        assertThat(page.confirm()).startsWith("Resync Group-[1]: {").doesNotContain("HA:");
        page.await("group 1 in sync", "document.getElementById('group-resync-1')?.classList.contains('primary')"
                + " && !document.querySelector('#group-1 thead').textContent.includes('(OUT OF SYNC)')");
        assertThat(group(stats(), 1).path("out_of_sync").asBoolean()).isFalse();
        String key = SlotKeys.keyIn(SlotHash.SLOT_COUNT / 4, 1);
        try (Jedis client = new Jedis("127.0.0.1", proxyPort); Jedis direct = new Jedis("127.0.0.1", master1.port())) {
            assertThat(client.set(key, "after-failover")).isEqualTo("OK");
            assertThat(direct.get(key)).as("written through the proxy, on the sentinel's master").isEqualTo("after-failover");
        }
        screenshot("group-synced");
    }

    /**
     * A real HA conflict: with the proxy down, PROMOTE of group 1's replica stops half-way (the group
     * stays promoting), and the sentinel fails the group over to that replica, which the dashboard
     * does not switch while promoting. The page marks the replica as the real master and the actions
     * that would override it ask in red; once the dead proxy is removed, the promotion is resumed and
     * the conflict is gone.
     */
    private void theConsoleWarnsWhenTheSentinelsMasterIsAReplicaOfAGroupBeingPromoted(SentinelServer sentinel) {
        page.clickWhenShown("slaveof-" + replica1.addr());
        page.await("the failed-over master replicating the new one",
                masterCell(1, replica1) + "?.textContent === arguments[0] + ':up'", master1.addr());
        cluster.proxy(0).stop();
        page.await("the proxy shown down", "document.getElementById('proxy-1')?.dataset.status === 'ERROR'");
        page.clickWhenShown("promote-" + replica1.addr());
        assertThat(page.confirm()).startsWith("Promote server " + replica1.addr() + " from Group-[1]: {");
        assertThat(page.error()).contains("proxy-[").contains("failed");
        JsonNode promoting = group(stats(), 1).path("promoting");
        assertThat(promoting.path("state").asText()).isEqualTo("preparing");
        assertThat(promoting.path("index").asInt()).isEqualTo(1);

        failOver(sentinel);
        page.await("the replica marked as the sentinels' real master", serverRow(1, replica1)
                + "?.classList.contains('ha_real_master') && " + serverRow(1, replica1) + ".cells[1].textContent.endsWith(' [HA]')"
                + " && " + serverRow(1, master1) + ".classList.contains('ha_not_master')");
        JsonNode stats = stats();
        assertThat(stats.path("sentinels").path("masters").path("1").asText()).isEqualTo(replica1.addr());
        assertThat(serversOf(group(stats, 1))).as("not switched while promoting").containsExactly(master1.addr(), replica1.addr());
        screenshot("ha-conflict");

        page.clickWhenShown("group-resync-all");
        ConsolePage.Confirmation syncAll = page.cancel();
        assertThat(syncAll.dangerous()).isTrue();
        assertThat(syncAll.message()).isEqualTo("Resync All Groups: group-[1,2] (in conflict with HA)");
        page.clickWhenShown("sentinel-resync-all");
        ConsolePage.Confirmation syncSentinels = page.cancel();
        assertThat(syncSentinels.dangerous()).isTrue();
        assertThat(syncSentinels.message()).contains("HA: real master & logical master area conflicting: [",
                "\"logical_master\": \"" + master1.addr() + "\"", "\"ha_real_master\": \"" + replica1.addr() + "\"")
                .endsWith("Please fix these before resync sentinels.");

        page.clickWhenShown("proxy-force-remove-1");
        assertThat(page.confirm()).startsWith("[FORCE] Remove and Shutdown proxy: {");
        page.await("the proxy gone", "document.getElementById('proxy-1') === null");
        page.clickWhenShown("promote-" + replica1.addr());
        ConsolePage.Confirmation resume = page.cancel();
        assertThat(resume.dangerous()).as("promoting the real master itself").isFalse();
        page.clickWhenShown("promote-" + replica1.addr());
        page.confirm();
        page.await("the promotion finished and the conflict gone", serverAt(1, 0, replica1)
                + " && !document.querySelector('#group-1 tr.ha_real_master')");
        JsonNode group1 = group(stats(), 1);
        assertThat(serversOf(group1)).containsExactly(replica1.addr(), master1.addr());
        assertThat(group1.path("promoting").path("state").asText()).isEmpty();
        assertThat(monitored(sentinel)).as("a promoted group is no longer failed over by the sentinels")
                .doesNotContainKey(PRODUCT + "-1");
        screenshot("ha-conflict-resolved");
    }

    /** {@code SENTINEL FAILOVER} of group 1, retried until the sentinel has seen a good replica (INFO every 10 s). */
    private static void failOver(SentinelServer sentinel) {
        try (Jedis direct = new Jedis("127.0.0.1", sentinel.port())) {
            Await.until("the sentinel to fail group 1 over", SETTLE, () -> {
                try {
                    return "OK".equals(direct.sentinelFailover(PRODUCT + "-1"));
                } catch (JedisDataException noGoodReplicaYet) {
                    return false;
                }
            });
        }
    }

    /** JavaScript: whether the server is at {@code index} of group {@code gid}'s table. */
    private static String serverAt(int gid, int index, RedisServer server) {
        return serverRow(gid, server) + "?.dataset.index === '" + index + "'";
    }

    /** JavaScript: the row of the server in group {@code gid}'s table. */
    private static String serverRow(int gid, RedisServer server) {
        return "document.querySelector('#group-" + gid + " tr[data-server=\"" + server.addr() + "\"]')";
    }

    /** JavaScript: the Master column (master_addr:link, or NO:ONE) of the server's row. */
    private static String masterCell(int gid, RedisServer server) {
        return serverRow(gid, server) + "?.cells[3]";
    }

    /** JavaScript: the server's row shows it as the sentinels' master of its group, which is index 0. */
    private static String haMarked(int gid, RedisServer server) {
        return serverRow(gid, server) + "?.cells[1].textContent.endsWith('" + server.addr() + " [HA]')"
                + " && " + serverRow(gid, server) + ".classList.contains('ha_master')";
    }

    /** JavaScript: the Sentinels panel's row of the address in {@code arguments[0]}. */
    private static String sentinelRow() {
        return "document.querySelector('#sentinel-rows tr[data-sentinel=\"' + arguments[0] + '\"]')";
    }

    private static String role(RedisServer server) {
        try (Jedis direct = new Jedis("127.0.0.1", server.port())) {
            return direct.role().get(0).toString();
        }
    }

    private static String actionOf(JsonNode group, RedisServer server) {
        return StreamSupport.stream(group.path("servers").spliterator(), false)
                .filter(s -> s.path("server").asText().equals(server.addr()))
                .map(s -> s.path("action").path("state").asText()).findFirst().orElse("");
    }

    /** What the sentinel monitors: master name → ip:port. */
    private static Map<String, String> monitored(SentinelServer sentinel) {
        try (Jedis direct = new Jedis("127.0.0.1", sentinel.port())) {
            return direct.sentinelMasters().stream()
                    .collect(Collectors.toMap(m -> m.get("name"), m -> m.get("ip") + ":" + m.get("port")));
        }
    }

    private void aDashboardThatGoesDownIsSaidSoAndPickedUpAgain() {
        ExternalProcess dashboardProcess = cluster.dashboardProcess();
        dashboardProcess.stop();
        page.await("the console to say the dashboard does not answer",
                "document.getElementById('dashboard-status').checkVisibility() && document.getElementById('dashboard-status')"
                        + ".textContent.startsWith('Cannot reach the dashboard of ' + arguments[0])", PRODUCT);
        assertThat(page.slotMap()).as("the last slot map stays shown").hasSize(SlotHash.SLOT_COUNT)
                .startsWith("2").endsWith("2");
        page.type("group-id", 3);
        page.click("group-create");
        assertThat(page.error()).contains("the dashboard cannot be reached");
        screenshot("dashboard-down");

        dashboardProcess.restart(cluster.dir());
        dashboardProcess.awaitReady(() -> AdminHttp.get(dashboard, "/topom/stats").isPresent(), JarCluster.STARTUP);
        page.await("the console to pick the dashboard up again",
                "!document.getElementById('dashboard-status').checkVisibility()");
        assertThat(group(stats(), 3)).as("group 3 was not created while the dashboard was down").isNull();
        assertThat(page.slotMap().subList(0, MOVED_SLOTS)).containsOnly("2");
        screenshot("dashboard-back");
        assertThat(chromium.scriptErrors()).as("errors of the console's scripts").isEmpty();
    }

    private static boolean slotAtRestOn(JsonNode stats, int sid, int gid) {
        JsonNode slot = stats.path("slots").path(sid);
        return slot.path("group_id").asInt() == gid && slot.path("action").path("state").asText().isEmpty();
    }

    /** The dashboard's stats, read from its own API. */
    private static JsonNode stats() {
        return Await.until("the dashboard's stats", () -> AdminHttp.get(dashboard, "/topom/stats"), answer -> answer.isPresent())
                .orElseThrow();
    }

    private static JsonNode group(JsonNode stats, int gid) {
        return StreamSupport.stream(stats.path("group").path("models").spliterator(), false)
                .filter(group -> group.path("id").asInt() == gid).findFirst().orElse(null);
    }

    private static List<String> serversOf(JsonNode group) {
        return StreamSupport.stream(group.path("servers").spliterator(), false).map(s -> s.path("server").asText()).toList();
    }

    private void screenshot(String step) {
        chromium.screenshot(SCREENSHOTS.resolve(String.format("%02d-%s.png", ++screenshots, step)));
    }

    private static <T extends AutoCloseable> T started(T resource) {
        STARTED.add(resource);
        return resource;
    }
}
