package io.codis.dashboard.group;

import io.codis.common.http.ApiError;
import io.codis.common.model.Group;
import io.codis.common.model.GroupServer;
import io.codis.common.model.PromotingState;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.redis.RedisControl;
import io.codis.dashboard.sentinel.Sentinels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The routes on a group's servers (dashboard-api.md "Group routes"): add and delete a server, set
 * which servers serve reads (replica groups), and the INFO of a server. A group that is promoting
 * refuses every change.
 */
public final class GroupServers {
    private static final int PROBE_TIMEOUT_MILLIS = 1000;

    private final DashboardCore core;
    private final Sentinels sentinels;

    public GroupServers(DashboardCore core, Sentinels sentinels) {
        this.core = core;
        this.sentinels = sentinels;
    }

    /** Adds the Redis server at {@code addr} (which must answer with the product's password) last in the group. */
    public void add(int gid, String addr, String datacenter) {
        if (!addr.isEmpty()) {
            try {
                RedisControl.probe(addr, core.config().productAuth(), PROBE_TIMEOUT_MILLIS);
            } catch (RuntimeException e) {
                throw new ApiError(e.getMessage(), e);
            }
        }
        core.lockedRun(ctx -> {
            if (addr.isEmpty()) {
                throw new ApiError("invalid server address");
            }
            if (ctx.groupOfServer(addr) != null) {
                throw new ApiError("server-[" + addr + "] already exists");
            }
            Group g = notPromoting(ctx.group(gid));
            sentinels.markOutOfSync(ctx);
            List<GroupServer> servers = new ArrayList<>(g.servers());
            servers.add(GroupServer.of(addr, datacenter));
            core.store().updateGroup(g.withServers(servers));
        });
    }

    /** Deletes a server; the master only when it is the last server and no slot uses the group. */
    public void delete(int gid, String addr) {
        core.lockedRun(ctx -> {
            Group g = ctx.group(gid);
            int index = indexOf(g, addr);
            notPromoting(g);
            if (index == 0 && (g.servers().size() > 1 || ctx.isGroupInUse(gid))) {
                throw new ApiError("group-[" + gid + "] can't remove master, still in use");
            }
            sentinels.markOutOfSync(ctx);
            List<GroupServer> servers = new ArrayList<>(g.servers());
            GroupServer removed = servers.remove(index);
            Group updated = g.withServers(servers);
            if (index != 0 && removed.replicaGroup()) {
                updated = updated.withOutOfSync(true);
            }
            if (servers.isEmpty()) {
                updated = updated.withOutOfSync(false);
            }
            core.store().updateGroup(updated);
        });
    }

    /** Lets the server serve reads ({@code value}) or not; the proxies learn it when the group is resynced. */
    public void replicaGroups(int gid, String addr, boolean value) {
        core.lockedRun(ctx -> {
            Group g = ctx.group(gid);
            int index = indexOf(g, addr);
            notPromoting(g);
            if (g.servers().size() > 1 && ctx.isGroupInUse(gid)) {
                g = g.withOutOfSync(true);
            }
            List<GroupServer> servers = new ArrayList<>(g.servers());
            servers.set(index, servers.get(index).withReplicaGroup(value));
            core.store().updateGroup(g.withServers(servers));
        });
    }

    /** {@link #replicaGroups} for every server of every group. */
    public void replicaGroupsAll(boolean value) {
        core.lockedRun(ctx -> {
            for (Group g : ctx.groups()) {
                notPromoting(g);
                if (g.servers().stream().allMatch(s -> s.replicaGroup() == value)) {
                    continue;
                }
                Group updated = g.withServers(g.servers().stream().map(s -> s.withReplicaGroup(value)).toList());
                if (g.servers().size() > 1 && ctx.isGroupInUse(g.id())) {
                    updated = updated.withOutOfSync(true);
                }
                core.store().updateGroup(updated);
            }
        });
    }

    /** INFO of any server, with the product's password (no xauth). */
    public Map<String, String> info(String addr) {
        try {
            return RedisControl.info(addr, core.config().productAuth(), PROBE_TIMEOUT_MILLIS);
        } catch (RuntimeException e) {
            throw new ApiError(e.getMessage(), e);
        }
    }

    static Group notPromoting(Group g) {
        if (g.promoting().phase() != PromotingState.NOTHING) {
            throw new ApiError("group-[" + g.id() + "] is promoting");
        }
        return g;
    }

    static int indexOf(Group g, String addr) {
        for (int i = 0; i < g.servers().size(); i++) {
            if (g.servers().get(i).addr().equals(addr)) {
                return i;
            }
        }
        throw new ApiError("group-[" + g.id() + "] doesn't have server-[" + addr + "]");
    }
}
