package io.codis.dashboard.group;

import io.codis.common.model.Group;
import io.codis.common.model.SyncActionState;
import io.codis.dashboard.core.Background;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.core.OnlineLoop;
import io.codis.dashboard.redis.RedisControl;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Old masters of groups the sentinels failed over ({@code sentinel_auto_resync}): each is probed every
 * second and, once it answers, given a sync action, so that it replicates from its group's new master
 * and the group ends healthy without an operator. A server that left its group meanwhile, or became
 * its master again, is forgotten. The list is kept in memory only.
 */
public final class OldMasters implements Background {
    private static final Logger LOG = LoggerFactory.getLogger(OldMasters.class);
    private static final long PERIOD_MILLIS = 1000;
    private static final int PROBE_TIMEOUT_MILLIS = 200;

    private final DashboardCore core;
    private final SyncActions syncActions;
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final OnlineLoop loop;

    public OldMasters(DashboardCore core, SyncActions syncActions) {
        this.core = core;
        this.syncActions = syncActions;
        this.loop = new OnlineLoop(core, "dashboard-old-masters", this::round, PERIOD_MILLIS,
                e -> LOG.warn("re-attach old masters failed: {}", e.getMessage()));
    }

    /** Re-attaches the server at {@code addr} as a replica once it answers. */
    public void reattachWhenBack(String addr) {
        waiting.add(addr);
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    private long round() {
        for (String addr : Set.copyOf(waiting)) {
            try {
                RedisControl.probe(addr, core.config().productAuth(), PROBE_TIMEOUT_MILLIS);
            } catch (RuntimeException down) {
                continue;
            }
            waiting.remove(addr);
            core.lockedRun(ctx -> {
                Group g = ctx.groupOfServer(addr);
                if (g == null || ctx.isPromoting(g.id())) {
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
}
