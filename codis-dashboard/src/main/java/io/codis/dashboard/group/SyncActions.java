package io.codis.dashboard.group;

import io.codis.common.http.ApiError;
import io.codis.common.model.ActionState;
import io.codis.common.model.Group;
import io.codis.common.model.GroupServer;
import io.codis.common.model.ServerSyncAction;
import io.codis.common.model.SyncActionState;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.store.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * The sync-action routes (dashboard-api.md "Group routes", {@code group/action/create|remove}): queue
 * a server's replication from its group's master (the {@link SyncActionLoop} carries it out), or
 * clear its action in any state.
 */
public final class SyncActions {
    private final DashboardCore core;

    public SyncActions(DashboardCore core) {
        this.core = core;
    }

    /** Queues the sync action of {@code addr} after every pending one. */
    public void create(String addr) {
        core.lockedRun(ctx -> {
            Group g = groupOf(ctx, addr);
            GroupServer s = g.servers().get(GroupServers.indexOf(g, addr));
            if (s.action().phase() == SyncActionState.PENDING) {
                throw new ApiError("server-[" + addr + "] action already exist");
            }
            create(ctx, g, addr);
        });
    }

    /** Queues the sync action of {@code addr} of group {@code g}, whatever its action was; call inside {@link DashboardCore#locked}. */
    void create(Topology ctx, Group g, String addr) {
        core.store().updateGroup(withAction(g, GroupServers.indexOf(g, addr),
                new ServerSyncAction(maxPendingIndex(ctx) + 1, ActionState.PENDING)));
    }

    public void remove(String addr) {
        core.lockedRun(ctx -> {
            Group g = groupOf(ctx, addr);
            GroupServer s = g.servers().get(GroupServers.indexOf(g, addr));
            if (s.action().phase() == SyncActionState.NOTHING) {
                throw new ApiError("server-[" + addr + "] action doesn't exist");
            }
            core.store().updateGroup(withAction(g, GroupServers.indexOf(g, addr), ServerSyncAction.NONE));
        });
    }

    private static Group groupOf(Topology ctx, String addr) {
        Group g = ctx.groupOfServer(addr);
        if (g == null) {
            throw new ApiError("server-[" + addr + "] doesn't exist");
        }
        return GroupServers.notPromoting(g);
    }

    /** {@code g} with the action of its server {@code index} replaced. */
    static Group withAction(Group g, int index, ServerSyncAction action) {
        List<GroupServer> servers = new ArrayList<>(g.servers());
        servers.set(index, servers.get(index).withAction(action));
        return g.withServers(servers);
    }

    private static int maxPendingIndex(Topology ctx) {
        int max = 0;
        for (Group g : ctx.groups()) {
            for (GroupServer s : g.servers()) {
                if (s.action().phase() == SyncActionState.PENDING) {
                    max = Math.max(max, s.action().index());
                }
            }
        }
        return max;
    }
}
