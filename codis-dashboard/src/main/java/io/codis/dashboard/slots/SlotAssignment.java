package io.codis.dashboard.slots;

import io.codis.common.http.ApiError;
import io.codis.common.model.Group;
import io.codis.common.model.SlotActionState;
import io.codis.common.model.SlotMapping;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.proxy.ProxyFanout;
import io.codis.dashboard.store.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code slots/assign} and {@code slots/assign/offline} (migration-and-ha.md "Assigning slots
 * directly"): mappings are overwritten without moving data and pushed to every proxy at once.
 */
public final class SlotAssignment {
    private static final Logger LOG = LoggerFactory.getLogger(SlotAssignment.class);

    private final DashboardCore core;
    private final ProxyFanout proxies;

    public SlotAssignment(DashboardCore core, ProxyFanout proxies) {
        this.core = core;
        this.proxies = proxies;
    }

    /** Maps each slot to its (non-empty) group; the groups are marked out of sync. */
    public void assign(List<SlotMapping> slots) {
        core.lockedRun(ctx -> {
            Set<Integer> groups = new TreeSet<>();
            for (SlotMapping m : slots) {
                ctx.slot(m.id());
                ctx.nonEmptyGroup(m.groupId());
                if (m.action().phase() != SlotActionState.NOTHING) {
                    throw new ApiError("invalid slot-[" + m.id() + "] action = " + m.action().state());
                }
                groups.add(m.groupId());
            }
            for (int gid : groups) {
                Group g = ctx.group(gid);
                if (!g.outOfSync()) {
                    core.store().updateGroup(g.withOutOfSync(true));
                }
            }
            store(ctx, slots, m -> SlotMapping.assigned(m.id(), m.groupId()), "");
        });
    }

    /** Takes each slot (whose group must be given as 0) offline. */
    public void assignOffline(List<SlotMapping> slots) {
        core.lockedRun(ctx -> {
            for (SlotMapping m : slots) {
                ctx.slot(m.id());
                if (m.groupId() != 0) {
                    throw new ApiError("group of slot-[" + m.id() + "] should be 0");
                }
            }
            store(ctx, slots, m -> SlotMapping.offline(m.id()), " (offline)");
        });
    }

    /** Stores {@code mapping} of each requested slot, then pushes them all to the proxies. */
    private void store(Topology ctx, List<SlotMapping> requested, UnaryOperator<SlotMapping> mapping, String note) {
        List<SlotMapping> stored = new ArrayList<>();
        for (SlotMapping m : requested) {
            LOG.warn("slot-[{}] will be mapped to group-[{}]{}", m.id(), m.groupId(), note);
            stored.add(mapping.apply(m));
        }
        core.store().updateSlots(stored);
        proxies.resyncSlotMappings(ctx, stored);
    }
}
