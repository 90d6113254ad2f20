package io.codis.dashboard.group;

import io.codis.common.http.ApiError;
import io.codis.common.model.Group;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.proxy.ProxyFanout;
import io.codis.dashboard.store.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The group routes (dashboard-api.md "Group routes"): create, remove and resync groups. */
public final class Groups {
    public static final int MAX_GROUP_ID = 9999;
    private static final Logger LOG = LoggerFactory.getLogger(Groups.class);

    private final DashboardCore core;
    private final ProxyFanout proxies;

    public Groups(DashboardCore core, ProxyFanout proxies) {
        this.core = core;
        this.proxies = proxies;
    }

    public void create(int gid) {
        core.lockedRun(ctx -> {
            if (gid <= 0 || gid > MAX_GROUP_ID) {
                throw new ApiError("invalid group id = " + gid + ", out of range");
            }
            if (ctx.hasGroup(gid)) {
                throw new ApiError("group-[" + gid + "] already exists");
            }
            core.store().createGroup(Group.create(gid));
        });
    }

    /** Removes a group without servers. */
    public void remove(int gid) {
        core.lockedRun(ctx -> {
            Group g = ctx.group(gid);
            if (!g.servers().isEmpty()) {
                throw new ApiError("group-[" + gid + "] isn't empty");
            }
            core.store().removeGroup(g);
        });
    }

    /** Pushes the views of the group's slots to every proxy, then marks the group in sync. */
    public void resync(int gid) {
        core.lockedRun(ctx -> resync(ctx, gid));
    }

    public void resyncAll() {
        core.lockedRun(ctx -> {
            for (Group g : ctx.groups()) {
                resync(ctx, g.id());
            }
        });
    }

    /** {@link #resync(int)} inside {@link DashboardCore#locked}. */
    public void resync(Topology ctx, int gid) {
        Group g = ctx.group(gid);
        try {
            proxies.resyncSlotMappings(ctx, ctx.slotsOfGroup(gid));
        } catch (ApiError e) {
            LOG.warn("group-[{}] resync-group failed", gid);
            throw e;
        }
        core.store().updateGroup(g.withOutOfSync(false));
    }
}
