package io.codis.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codis.common.api.ProductProxies;
import io.codis.common.config.DashboardConfig;
import io.codis.common.model.Slot;
import io.codis.common.model.Topom;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.group.GroupPromotion;
import io.codis.dashboard.group.OldMasters;
import io.codis.dashboard.group.GroupServers;
import io.codis.dashboard.group.Groups;
import io.codis.dashboard.group.SyncActionLoop;
import io.codis.dashboard.group.SyncActions;
import io.codis.dashboard.proxy.Proxies;
import io.codis.dashboard.proxy.ProxyFanout;
import io.codis.dashboard.sentinel.ReportedMasters;
import io.codis.dashboard.sentinel.SentinelSwitches;
import io.codis.dashboard.sentinel.Sentinels;
import io.codis.dashboard.slots.SlotActionLoop;
import io.codis.dashboard.slots.SlotActionStatus;
import io.codis.dashboard.slots.SlotActions;
import io.codis.dashboard.slots.SlotAssignment;
import io.codis.dashboard.slots.SlotMigrator;
import io.codis.dashboard.stats.LatestStats;
import io.codis.dashboard.stats.StatsJson;
import io.codis.dashboard.stats.StatsLoops;
import io.codis.dashboard.store.Store;
import io.codis.dashboard.store.Topology;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dashboard: the {@link DashboardCore} and the concept classes beside it (proxies, groups and
 * their servers, slot actions and assignment, stats), wired together. The HTTP API calls the concept
 * classes through the accessors; the slot-action and stats loops run while it is online.
 */
public final class Dashboard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

    private final DashboardCore core;
    private final Proxies proxies;
    private final Groups groups;
    private final GroupServers servers;
    private final GroupPromotion promotion;
    private final SyncActions syncActions;
    private final Sentinels sentinels;
    private final SlotActions slotActions;
    private final SlotAssignment slotAssignment;
    private final StatsJson stats;

    public Dashboard(DashboardConfig config, Store store, Topom model, SlotMigrator migrator) {
        core = new DashboardCore(config, store, model);
        ProductProxies calls = new ProductProxies(config.productName(), config.productAuth());
        ProxyFanout fanout = new ProxyFanout(calls, core.workers());
        LatestStats latest = new LatestStats();
        SlotActionStatus actionStatus = new SlotActionStatus();
        proxies = new Proxies(core, calls, latest::forgetProxy);
        groups = new Groups(core, fanout);
        syncActions = new SyncActions(core);
        OldMasters oldMasters = new OldMasters(core, syncActions);
        ReportedMasters reported = new ReportedMasters();
        SentinelSwitches switches = new SentinelSwitches(core, reported, (ctx, gid, oldMaster) -> {
            if (config.sentinelAutoResync()) {
                resyncAfterSwitch(ctx, gid);
                oldMasters.reattachWhenBack(oldMaster);
            }
        });
        sentinels = new Sentinels(core, fanout, reported, switches);
        servers = new GroupServers(core, sentinels);
        promotion = new GroupPromotion(core, fanout, sentinels, actionStatus);
        slotActions = new SlotActions(core, actionStatus, fanout);
        slotAssignment = new SlotAssignment(core, fanout);
        stats = new StatsJson(core, latest, actionStatus, sentinels::reportedMasters);
        core.runWhileOnline(new SlotActionLoop(core, actionStatus, fanout, migrator));
        core.runWhileOnline(new SyncActionLoop(core));
        core.runWhileOnline(switches);
        core.runWhileOnline(oldMasters);
        core.runWhileOnline(new StatsLoops(core, calls, proxies, sentinels, latest));
    }

    /** {@code sentinel_auto_resync}: the group's new master goes to every proxy (a proxy that fails is logged; SYNC retries). */
    private void resyncAfterSwitch(Topology ctx, int gid) {
        try {
            groups.resync(ctx, gid);
        } catch (RuntimeException e) {
            LOG.warn("group-[{}] resync after the sentinels' switch failed: {}", gid, e.getMessage());
        }
    }

    public Topom model() {
        return core.model();
    }

    public String xauth() {
        return core.xauth();
    }

    public String tag() {
        return core.tag();
    }

    public boolean isClosed() {
        return core.isClosed();
    }

    /** Takes the product lock ({@code attempts} tries, {@code pause} apart) and starts the loops. */
    public void goOnline(int attempts, Duration pause) throws InterruptedException {
        core.goOnline(attempts, pause);
    }

    /** Stops the loops and releases the lock; idempotent. */
    @Override
    public void close() {
        core.close();
    }

    public void awaitClosed() throws InterruptedException {
        core.awaitClosed();
    }

    /** Reads everything from the coordinator again. */
    public void reload() {
        core.reload();
    }

    /** The 1024 slots as a proxy with no datacenter and an unknown IP sees them. */
    public List<Slot> slots() {
        return core.locked(ctx -> ctx.toSlots(null));
    }

    public ObjectNode overview() {
        return stats.overview();
    }

    public ObjectNode stats() {
        return stats.stats();
    }

    public Proxies proxies() {
        return proxies;
    }

    public Groups groups() {
        return groups;
    }

    public GroupServers servers() {
        return servers;
    }

    public GroupPromotion promotion() {
        return promotion;
    }

    public SyncActions syncActions() {
        return syncActions;
    }

    public Sentinels sentinels() {
        return sentinels;
    }

    public SlotActions slotActions() {
        return slotActions;
    }

    public SlotAssignment slotAssignment() {
        return slotAssignment;
    }
}
