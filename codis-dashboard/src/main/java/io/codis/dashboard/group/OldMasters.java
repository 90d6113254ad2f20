package io.codis.dashboard.group;

import io.codis.common.model.Group;
import io.codis.common.model.SyncActionState;
import io.codis.dashboard.core.Background;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.core.OnlineLoop;
import io.codis.dashboard.redis.RedisControl;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Old masters of groups the sentinels failed over ({@code sentinel_auto_resync}): each is probed every
 * second and, once it answers, given a sync action, so that it replicates from its group's new master
 * and the group ends healthy without an operator. A server that left its group meanwhile, or became
 * its master again, is forgotten; one whose group is being promoted waits for the next round. The
 * list is kept in the coordinator ({@code /codis3/{product}/old-masters}), so that a dashboard
 * restarted before an old master is back still re-attaches it. Every change of the list is made
 * under the dashboard's lock.
 */
public final class OldMasters implements Background {
    private static final Logger LOG = LoggerFactory.getLogger(OldMasters.class);
    private static final long PERIOD_MILLIS = 1000;
    private static final int PROBE_TIMEOUT_MILLIS = 200;

    private final DashboardCore core;
    private final SyncActions syncActions;
    private final OnlineLoop loop;
    /** Guarded by the dashboard's lock; a copy of what is stored, once {@link #loaded}. */
    private final Set<String> waiting = new LinkedHashSet<>();
    private boolean loaded;

    public OldMasters(DashboardCore core, SyncActions syncActions) {
        this.core = core;
        this.syncActions = syncActions;
        this.loop = new OnlineLoop(core, "dashboard-old-masters", this::round, PERIOD_MILLIS,
                e -> LOG.warn("re-attach old masters failed: {}", e.getMessage()));
    }

    /** Re-attaches the server at {@code addr} as a replica once it answers. Called under the dashboard's lock. */
    public void reattachWhenBack(String addr) {
        loadOnce();
        if (waiting.add(addr)) {
            store();
        }
    }

    @Override
    public void start() {
        loop.start();
    }

    /** Under the dashboard's lock: reads the stored list the first time (a failure is retried the next time). */
    private void loadOnce() {
        if (!loaded) {
            waiting.addAll(core.store().loadOldMasters());
            loaded = true;
        }
    }

    @Override
    public void stop() {
        loop.stop();
    }

    private long round() {
        List<String> servers = core.locked(ctx -> {
            loadOnce();
            return List.copyOf(waiting);
        });
        for (String addr : servers) {
            try {
                RedisControl.probe(addr, core.config().productAuth(), PROBE_TIMEOUT_MILLIS);
            } catch (RuntimeException down) {
                continue;
            }
            core.lockedRun(ctx -> {
                Group g = ctx.groupOfServer(addr);
                if (g != null && ctx.isPromoting(g.id())) {
                    return;
                }
                if (!waiting.remove(addr)) {
                    return;
                }
                store();
                if (g == null) {
                    return;
                }
                int index = GroupServers.indexOf(g, addr);
                SyncActionState state = g.servers().get(index).action().phase();
                if (index == 0 || state == SyncActionState.PENDING || state == SyncActionState.SYNCING) {
                    return;
                }
                LOG.warn("group-[{}] old master {} is back, re-attach it as a replica of {}", g.id(), addr,
                        g.servers().get(0).addr());
                syncActions.create(ctx, g, addr);
            });
        }
        return PERIOD_MILLIS;
    }

    private void store() {
        core.store().updateOldMasters(new ArrayList<>(waiting));
    }
}
