package io.codis.dashboard.group;

import io.codis.common.model.ActionState;
import io.codis.common.model.Group;
import io.codis.common.model.ServerSyncAction;
import io.codis.common.model.SyncActionState;
import io.codis.dashboard.core.Background;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.core.OnlineLoop;
import io.codis.dashboard.redis.ReplicaOf;
import io.codis.dashboard.store.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the sync actions (migration-and-ha.md "Sync actions (SLAVEOF)"), one at a time: the
 * pending server with the lowest index of all groups (none while its group is promoting) is stored
 * {@code syncing}, given the {@link ReplicaOf} transaction towards its group's master (or none, for
 * the master), and stored {@code synced} or {@code synced_failed}, unless its action was changed
 * meanwhile. A round that did one goes on at once; an idle one waits 1 s, a failed one 5 s.
 */
public final class SyncActionLoop implements Background {
    private static final Logger LOG = LoggerFactory.getLogger(SyncActionLoop.class);
    private static final long IDLE_PAUSE_MILLIS = 1000;
    private static final long ERROR_PAUSE_MILLIS = 5000;
    private static final long BUSY_PAUSE_MILLIS = 10;
    private static final int SERVER_TIMEOUT_MILLIS = 30_000;

    private final DashboardCore core;
    private final OnlineLoop loop;

    public SyncActionLoop(DashboardCore core) {
        this.core = core;
        this.loop = new OnlineLoop(core, "dashboard-sync-actions", this::round, ERROR_PAUSE_MILLIS,
                e -> LOG.warn("process sync action failed: {}", e.getMessage()));
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    private record Chosen(String addr, String master) {
    }

    private long round() {
        Chosen chosen = core.locked(this::prepare);
        if (chosen == null) {
            return IDLE_PAUSE_MILLIS;
        }
        LOG.warn("sync-[{}] process action", chosen.addr());
        boolean failed = false;
        try {
            ReplicaOf.apply(chosen.addr(), core.config().productAuth(), chosen.master(), SERVER_TIMEOUT_MILLIS)
                    .ifPresent(LOG::warn);
        } catch (RuntimeException e) {
            LOG.warn("sync-[{}] replicaof {} failed: {}", chosen.addr(), chosen.master(), e.getMessage());
            failed = true;
        }
        boolean outcome = failed;
        core.lockedRun(ctx -> complete(ctx, chosen.addr(), outcome));
        return BUSY_PAUSE_MILLIS;
    }

    /** Stores the first pending action {@code syncing}; null when there is none to do now. */
    private Chosen prepare(Topology ctx) {
        Group group = null;
        int index = -1;
        for (Group g : ctx.groups()) {
            for (int i = 0; i < g.servers().size(); i++) {
                ServerSyncAction a = g.servers().get(i).action();
                if (a.phase() == SyncActionState.PENDING
                        && (group == null || a.index() < group.servers().get(index).action().index())) {
                    group = g;
                    index = i;
                }
            }
        }
        if (group == null || ctx.isPromoting(group.id())) {
            return null;
        }
        String addr = group.servers().get(index).addr();
        LOG.warn("server-[{}] action prepare", addr);
        store(group, index, new ServerSyncAction(0, ActionState.SYNCING));
        return new Chosen(addr, index == 0 ? ReplicaOf.NO_ONE : group.servers().get(0).addr());
    }

    private void complete(Topology ctx, String addr, boolean failed) {
        Group g = ctx.groupOfServer(addr);
        if (g == null || ctx.isPromoting(g.id())) {
            return;
        }
        int index = GroupServers.indexOf(g, addr);
        if (g.servers().get(index).action().phase() != SyncActionState.SYNCING) {
            return;
        }
        LOG.warn("server-[{}] action failed = {}", addr, failed);
        store(g, index, new ServerSyncAction(0, failed ? ActionState.SYNCED_FAILED : ActionState.SYNCED));
    }

    private void store(Group g, int index, ServerSyncAction action) {
        core.store().updateGroup(SyncActions.withAction(g, index, action));
    }
}
