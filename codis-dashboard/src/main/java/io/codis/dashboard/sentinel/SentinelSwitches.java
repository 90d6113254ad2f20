package io.codis.dashboard.sentinel;

import io.codis.common.model.Group;
import io.codis.common.model.GroupServer;
import io.codis.common.sentinel.SentinelMaster;
import io.codis.common.sentinel.SentinelWatch;
import io.codis.dashboard.core.Background;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.redis.RedisControl;
import io.codis.dashboard.store.Topology;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's own watch of the sentinels (migration-and-ha.md "Watching +switch-master"): on
 * each fetch of the masters (a majority vote by config epoch) every group whose reported master is
 * one of its other servers, by address or by {@code run_id}, gets that server swapped with index 0
 * and is marked out of sync; then, when told so ({@code sentinel_auto_resync}), the {@code switched}
 * listener resyncs it. Started with the stored sentinel list, restarted by every resync.
 */
public final class SentinelSwitches implements Background {
    private static final Logger LOG = LoggerFactory.getLogger(SentinelSwitches.class);
    private static final int RUN_ID_TIMEOUT_MILLIS = 100;

    /** Told, inside the lock, of a group just switched: the view, the gid and the old master's address. */
    public interface Switched {
        void after(Topology ctx, int gid, String oldMaster);
    }

    private final DashboardCore core;
    private final ReportedMasters reported;
    private final Switched switched;
    private SentinelWatch watch;
    private boolean running;

    public SentinelSwitches(DashboardCore core, ReportedMasters reported, Switched switched) {
        this.core = core;
        this.reported = reported;
        this.switched = switched;
    }

    @Override
    public void start() {
        List<String> servers = core.locked(ctx -> ctx.sentinel().servers());
        synchronized (this) {
            running = true;
        }
        rewatch(servers);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    /** Watches {@code sentinels} from now on. */
    public synchronized void rewatch(List<String> sentinels) {
        if (watch != null) {
            watch.close();
            watch = null;
        }
        if (running && !sentinels.isEmpty()) {
            watch = new SentinelWatch(core.config().productName(), sentinels, this::apply, why -> { }).start();
        }
    }

    private void apply(Map<Integer, SentinelMaster> masters) {
        core.lockedRun(ctx -> masters.values().forEach(m -> {
            reported.put(m.gid(), m.addr());
            if (ctx.hasGroup(m.gid())) {
                switchMaster(ctx, ctx.group(m.gid()), m);
            }
        }));
    }

    private void switchMaster(Topology ctx, Group g, SentinelMaster m) {
        if (ctx.isPromoting(g.id())) {
            LOG.warn("group-[{}] is promoting, skip the sentinels' master {}", g.id(), m.addr());
            return;
        }
        int index = indexOf(g, m);
        if (index < 0) {
            LOG.warn("group-[{}] doesn't have server {} with runid = '{}'", g.id(), m.addr(), m.runId());
            return;
        }
        if (index == 0) {
            return;
        }
        List<GroupServer> servers = new ArrayList<>(g.servers());
        Collections.swap(servers, 0, index);
        LOG.warn("group-[{}] will switch master to server[{}] = {}", g.id(), index, servers.get(0).addr());
        core.store().updateGroup(g.withServers(servers).withOutOfSync(true));
        switched.after(core.view(), g.id(), servers.get(index).addr());
    }

    /** The index of the reported master in the group, by address, else by run_id; -1 when none. */
    private int indexOf(Group g, SentinelMaster m) {
        for (int i = 0; i < g.servers().size(); i++) {
            if (g.servers().get(i).addr().equals(m.addr())) {
                return i;
            }
        }
        if (m.runId().isEmpty()) {
            return -1;
        }
        for (int i = 0; i < g.servers().size(); i++) {
            try {
                String runId = RedisControl.info(g.servers().get(i).addr(), core.config().productAuth(),
                        RUN_ID_TIMEOUT_MILLIS).get("run_id");
                if (m.runId().equals(runId)) {
                    return i;
                }
            } catch (RuntimeException e) {
                // a server that does not answer is not the master the sentinels see
            }
        }
        return -1;
    }
}
