package io.codis.dashboard.slots;

import io.codis.common.http.ApiError;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.SlotActionState;
import io.codis.common.model.SlotMapping;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.proxy.ProxyFanout;
import io.codis.dashboard.store.Topology;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored states of slot actions and the views every proxy is given at each step
 * (migration-and-ha.md "Slot action state machine"), for many slots at once: one {@code fillslots}
 * call per proxy and step carries the views of all of them. Every state is stored before the proxies
 * act on the next one, so a dashboard restarted at any point resumes from the store. Runs under the
 * dashboard's lock, on the view {@code ctx} it was given.
 */
final class SlotBarrier {
    private static final Logger LOG = LoggerFactory.getLogger(SlotBarrier.class);

    private final DashboardCore core;
    private final ProxyFanout proxies;

    SlotBarrier(DashboardCore core, ProxyFanout proxies) {
        this.core = core;
        this.proxies = proxies;
    }

    /**
     * Advances {@code chosen} through pending → preparing → prepared → migrating; slots already
     * {@code migrating} or {@code finished} are taken as they are.
     *
     * @return the slots, each now {@code migrating} or {@code finished}
     */
    List<SlotMapping> toMigrating(Topology ctx, List<SlotMapping> chosen) {
        List<SlotMapping> slots = new ArrayList<>();
        List<SlotMapping> started = new ArrayList<>();
        for (SlotMapping m : chosen) {
            LOG.warn("slot-[{}] action prepare:\n{}", m.id(), JsonCodec.pretty(m));
            switch (m.action().phase()) {
                case PENDING -> {
                    SlotMapping preparing = withState(m, SlotActionState.PREPARING);
                    started.add(preparing);
                    slots.add(preparing);
                }
                case PREPARING, PREPARED, MIGRATING, FINISHED -> slots.add(m);
                case NOTHING, INVALID -> throw new ApiError("slot-[" + m.id() + "] action state is invalid");
            }
        }
        FunctionCopy.toTargets(ctx, started, core.config().productAuth());
        storeAll(started);
        List<SlotMapping> preparing = inState(slots, SlotActionState.PREPARING);
        if (!preparing.isEmpty()) {
            prepare(ctx, preparing);
            slots = replaced(slots, preparing, SlotActionState.PREPARED);
        }
        List<SlotMapping> prepared = inState(slots, SlotActionState.PREPARED);
        if (!prepared.isEmpty()) {
            List<SlotMapping> migrating = prepared.stream().map(m -> withState(m, SlotActionState.MIGRATING)).toList();
            migrating.forEach(m -> LOG.warn("slot-[{}] resync to migrating", m.id()));
            proxies.resyncSlotMappings(ctx, migrating);
            storeAll(migrating);
            slots = replaced(slots, prepared, SlotActionState.MIGRATING);
        }
        return slots;
    }

    /** Pushes the locked {@code prepared} views, then stores them; on a failure pushes {@code preparing} back. */
    private void prepare(Topology ctx, List<SlotMapping> preparing) {
        List<SlotMapping> prepared = preparing.stream().map(m -> withState(m, SlotActionState.PREPARED)).toList();
        prepared.forEach(m -> LOG.warn("slot-[{}] resync to prepared", m.id()));
        try {
            proxies.resyncSlotMappings(ctx, prepared);
        } catch (RuntimeException e) {
            preparing.forEach(m -> LOG.warn("slot-[{}] resync-rollback to preparing", m.id()));
            try {
                proxies.resyncSlotMappings(ctx, preparing);
            } catch (RuntimeException rollback) {
                LOG.warn("resync-rollback to preparing failed: {}", rollback.getMessage());
            }
            preparing.forEach(m -> LOG.warn("slot-[{}] resync-rollback to preparing, done", m.id()));
            throw e;
        }
        storeAll(prepared);
    }

    /**
     * Completes the actions of {@code sids} (each {@code migrating} or {@code finished}): stores
     * {@code finished}, pushes the finished views, and stores each slot in its target group.
     */
    void complete(Topology ctx, List<Integer> sids) {
        List<SlotMapping> finished = new ArrayList<>();
        List<SlotMapping> ended = new ArrayList<>();
        for (int sid : sids) {
            SlotMapping m = ctx.slot(sid);
            switch (m.action().phase()) {
                case MIGRATING -> {
                    SlotMapping done = withState(m, SlotActionState.FINISHED);
                    ended.add(done);
                    finished.add(done);
                }
                case FINISHED -> finished.add(m);
                case NOTHING, PENDING, PREPARING, PREPARED, INVALID ->
                        throw new ApiError("slot-[" + sid + "] action isn't migrating");
            }
        }
        storeAll(ended);
        finished.forEach(m -> LOG.warn("slot-[{}] resync to finished", m.id()));
        proxies.resyncSlotMappings(ctx, finished);
        List<SlotMapping> assigned = finished.stream().map(m -> SlotMapping.assigned(m.id(), m.action().targetId())).toList();
        storeAll(assigned);
        assigned.forEach(done -> LOG.warn("slot-[{}] action complete:\n{}", done.id(), JsonCodec.pretty(done)));
    }

    /**
     * Turns the started action of {@code m} (prepared, migrating or finished, from S to T) into a move
     * back from T to S, with the barrier of a new move: {@code m} is stored {@code prepared} first (a
     * dashboard restarted from there pushes the {@code migrating} view again, the one the proxies had),
     * then every proxy gets the move back locked (each drains the slot's requests); on a failure every
     * proxy gets {@code m}'s view again, {@code m} is stored again and this fails. Then the move back is
     * stored {@code prepared}, pushed unlocked and stored {@code migrating}: from there the proxies move
     * keys of the slot on access from T to S, and the slot-action loop moves the rest. Runs under the
     * lock, with no pass moving the slot.
     *
     * @return the move back, {@code {group_id: T, action: {state: migrating, target_id: S}}} (or
     *     {@code prepared} when a proxy failed the last push: the slot-action loop pushes it again)
     */
    SlotMapping moveBack(Topology ctx, SlotMapping m) {
        int source = m.groupId();
        int target = m.action().targetId();
        LOG.warn("slot-[{}] action remove: back from group-[{}] to group-[{}]:\n{}", m.id(), target, source,
                JsonCodec.pretty(m));
        SlotMapping back = new SlotMapping(m.id(), target, m.action().withTarget(source));
        SlotMapping locked = withState(back, SlotActionState.PREPARED);
        if (m.action().phase() != SlotActionState.PREPARED) {
            storeAll(List.of(withState(m, SlotActionState.PREPARED)));
        }
        LOG.warn("slot-[{}] resync to prepared", m.id());
        try {
            proxies.resyncSlotMappings(ctx, List.of(locked));
        } catch (RuntimeException e) {
            LOG.warn("slot-[{}] resync-rollback to {}", m.id(), m.action().state());
            try {
                proxies.resyncSlotMappings(ctx, List.of(m));
            } catch (RuntimeException rollback) {
                LOG.warn("resync-rollback to {} failed: {}", m.action().state(), rollback.getMessage());
            }
            storeAll(List.of(m));
            LOG.warn("slot-[{}] resync-rollback to {}, done", m.id(), m.action().state());
            throw e;
        }
        storeAll(List.of(locked));
        SlotMapping migrating = withState(back, SlotActionState.MIGRATING);
        LOG.warn("slot-[{}] resync to migrating", m.id());
        try {
            proxies.resyncSlotMappings(ctx, List.of(migrating));
        } catch (RuntimeException e) {
            LOG.warn("slot-[{}] stays prepared, the slot-action loop pushes migrating again: {}", m.id(), e.getMessage());
            return locked;
        }
        storeAll(List.of(migrating));
        return migrating;
    }

    private static List<SlotMapping> inState(List<SlotMapping> slots, SlotActionState state) {
        return slots.stream().filter(m -> m.action().phase() == state).toList();
    }

    /** {@code slots} with each of {@code moved} in {@code state}. */
    private static List<SlotMapping> replaced(List<SlotMapping> slots, List<SlotMapping> moved, SlotActionState state) {
        return slots.stream().map(m -> moved.contains(m) ? withState(m, state) : m).toList();
    }

    private static SlotMapping withState(SlotMapping m, SlotActionState state) {
        return m.withAction(m.action().withState(state));
    }

    /** Stores every one of {@code slots} (side by side) before the caller goes on. */
    private void storeAll(List<SlotMapping> slots) {
        if (!slots.isEmpty()) {
            core.store().updateSlots(slots);
        }
    }
}
