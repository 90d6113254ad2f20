package io.codis.dashboard.slots;

import io.codis.common.http.ApiError;
import io.codis.common.model.Group;
import io.codis.common.model.SlotAction;
import io.codis.common.model.SlotActionState;
import io.codis.common.model.SlotMapping;
import io.codis.common.slot.SlotHash;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.proxy.ProxyFanout;
import io.codis.dashboard.store.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slot-action routes (dashboard-api.md "Slot routes", migration-and-ha.md "Creating and removing
 * actions" and "Rebalance algorithm"): queue pending actions, remove one (a started one moves back), and steer the
 * {@link SlotActionLoop} that runs them through {@link SlotActionStatus}.
 */
public final class SlotActions {
    private static final Logger LOG = LoggerFactory.getLogger(SlotActions.class);

    private static final long HAND_OFF_POLL_MILLIS = 10;

    private final DashboardCore core;
    private final SlotActionStatus status;
    private final ProxyFanout proxies;
    private final SlotBarrier barrier;

    public SlotActions(DashboardCore core, SlotActionStatus status, ProxyFanout proxies) {
        this.core = core;
        this.status = status;
        this.proxies = proxies;
        this.barrier = new SlotBarrier(core, proxies);
    }

    /** Queues the move of slot {@code sid} to group {@code gid}. */
    public void create(int sid, int gid) {
        core.lockedRun(ctx -> {
            ctx.nonEmptyGroup(gid);
            SlotMapping m = ctx.slot(sid);
            requireMovable(m, gid);
            writePending(ctx, Map.of(sid, gid));
        });
    }

    /** Queues the first {@code num} slots (ascending id) of group {@code src} without an action to {@code dst}. */
    public void createSome(int src, int dst, int num) {
        core.lockedRun(ctx -> {
            ctx.nonEmptyGroup(dst);
            Map<Integer, Integer> picked = new LinkedHashMap<>();
            for (SlotMapping m : ctx.slots()) {
                if (picked.size() >= num) {
                    break;
                }
                if (src != dst && m.groupId() == src && m.action().phase() == SlotActionState.NOTHING) {
                    picked.put(m.id(), dst);
                }
            }
            writePending(ctx, picked);
        });
    }

    /** Queues every slot of {@code [beg, end]} to group {@code gid}, or none when one of them cannot move. */
    public void createRange(int beg, int end, int gid) {
        core.lockedRun(ctx -> {
            if (!(0 <= beg && beg <= end && end < SlotHash.SLOT_COUNT)) {
                throw new ApiError("invalid slot range [" + beg + "," + end + "]");
            }
            ctx.nonEmptyGroup(gid);
            Map<Integer, Integer> picked = new LinkedHashMap<>();
            for (int sid = beg; sid <= end; sid++) {
                requireMovable(ctx.slot(sid), gid);
                picked.put(sid, gid);
            }
            writePending(ctx, picked);
        });
    }

    private static void requireMovable(SlotMapping m, int gid) {
        if (m.action().phase() != SlotActionState.NOTHING) {
            throw new ApiError("slot-[" + m.id() + "] action already exists");
        }
        if (m.groupId() == gid) {
            throw new ApiError("slot-[" + m.id() + "] already in group-[" + gid + "]");
        }
    }

    /** Stores a pending action for each slot → target, with consecutive indexes after the highest one. */
    private void writePending(Topology ctx, Map<Integer, Integer> targets) {
        int index = ctx.maxSlotActionIndex();
        List<SlotMapping> pending = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : targets.entrySet()) {
            pending.add(ctx.slot(e.getKey()).withAction(SlotAction.pending(++index, e.getValue())));
        }
        core.store().updateSlots(pending);
    }

    /**
     * Removes the action of slot {@code sid}. A pending one is dropped; a preparing one as well, after
     * every proxy got the slot's view at rest (some may hold it locked). A started one (prepared,
     * migrating, finished) moves back ({@link SlotBarrier#moveBack}) once no pass is moving the slot:
     * it then completes as any move, in its source group, and the keys its move stopped on stay as
     * they are ({@link SplitKeys}). An offline slot's started action is not removed: keys written since
     * would become unreachable.
     */
    public void remove(int sid) {
        core.lockedRun(ctx -> requireRemovable(ctx.slot(sid)));
        PassClaims claims = status.claims();
        claims.halt(sid);
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(handOffMillis());
            while (!core.locked(ctx -> !claims.moving(sid) && removeLocked(ctx, sid))) {
                if (System.nanoTime() > deadline) {
                    throw new ApiError("slot-[" + sid + "] action can't be removed now: its keys are being moved, try again");
                }
                sleepQuietly(HAND_OFF_POLL_MILLIS);
            }
        } finally {
            claims.resume(sid);
        }
    }

    /** How long a removal waits for a running pass to let go of the slot: the migration timeout and a bit. */
    private long handOffMillis() {
        return core.config().migrationTimeout().toMillis() + HAND_OFF_POLL_MILLIS * 100;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(DashboardCore.CLOSED);
        }
    }

    /** Refuses what has no safe way back: no action, an unknown state, or a started move of an offline slot. */
    private static void requireRemovable(SlotMapping m) {
        switch (m.action().phase()) {
            case NOTHING -> throw new ApiError("slot-[" + m.id() + "] action doesn't exist");
            case INVALID -> throw new ApiError("slot-[" + m.id() + "] action isn't pending");
            case PREPARED, MIGRATING, FINISHED -> {
                if (m.groupId() == 0) {
                    throw new ApiError("slot-[" + m.id() + "] action isn't pending: the slot was offline and may have"
                            + " keys on group-[" + m.action().targetId() + "] already; it completes by itself");
                }
            }
            case PENDING, PREPARING -> {
            }
        }
    }

    /** Removes the action of {@code sid}, no pass moving it; always true. */
    private boolean removeLocked(Topology ctx, int sid) {
        SlotMapping m = ctx.slot(sid);
        requireRemovable(m);
        SlotMapping rest = SlotMapping.assigned(sid, m.groupId());
        switch (m.action().phase()) {
            case PENDING -> core.store().updateSlot(rest);
            case PREPARING -> {
                proxies.resyncSlotMappings(ctx, List.of(rest));
                core.store().updateSlot(rest);
            }
            case PREPARED, MIGRATING, FINISHED -> {
                barrier.moveBack(ctx, m);
                status.splitKeys().movesBack(sid);
            }
            case NOTHING, INVALID -> throw new IllegalStateException("refused above");
        }
        LOG.warn("slot-[{}] action removed", sid);
        return true;
    }

    /**
     * The rebalance plan (slot id → target group, ascending); with {@code confirm} its pending actions
     * are stored.
     */
    public Map<String, Integer> rebalance(boolean confirm) {
        return core.locked(ctx -> {
            List<Integer> groups = ctx.groups().stream().filter(g -> !g.servers().isEmpty()).map(Group::id).toList();
            TreeMap<Integer, Integer> plan = Rebalancer.plan(groups, ctx.slots());
            if (confirm) {
                writePending(ctx, plan);
            }
            TreeMap<String, Integer> out = new TreeMap<>();
            plan.forEach((sid, gid) -> out.put(Integer.toString(sid), gid));
            return out;
        });
    }

    /** Sets the pause between batches, in µs, clamped to 0..1000000. */
    public void setInterval(int micros) {
        core.lockedRun(ctx -> LOG.warn("set action interval = {}", status.setInterval(micros)));
    }

    public void setDisabled(boolean value) {
        core.lockedRun(ctx -> {
            status.setDisabled(value);
            LOG.warn("set action disabled = {}", value);
        });
    }
}
