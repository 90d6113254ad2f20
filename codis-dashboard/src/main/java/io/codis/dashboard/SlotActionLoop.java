package io.codis.dashboard;

import io.codis.common.http.ApiError;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.ActionState;
import io.codis.common.model.Group;
import io.codis.common.model.SlotMapping;
import io.codis.dashboard.store.Topology;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives slot actions (migration-and-ha.md "Slot action state machine" and "Scheduling"): each round
 * plans up to {@code migration_parallel_slots} slots whose groups are not busy, advances each through
 * pending → preparing → prepared → migrating (storing every state before the proxies act on the next
 * one), runs the migrator until the slot is empty, then finished → done. A dashboard restarted at any
 * point resumes from the stored state.
 */
final class SlotActionLoop {
    private static final Logger LOG = LoggerFactory.getLogger(SlotActionLoop.class);
    private static final long ERROR_PAUSE_MILLIS = 5000;
    private static final long IDLE_PAUSE_MILLIS = 1000;
    private static final long ROUND_PAUSE_MILLIS = 10;

    private final Dashboard dashboard;
    private final Thread thread;
    private volatile boolean stopped;

    SlotActionLoop(Dashboard dashboard) {
        this.dashboard = dashboard;
        this.thread = new Thread(this::run, "dashboard-slot-actions");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        stopped = true;
        thread.interrupt();
    }

    private boolean running() {
        return !stopped && dashboard.isOnline();
    }

    private void run() {
        while (running()) {
            try {
                long pause = round();
                sleep(pause);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running()) {
                    return;
                }
                LOG.warn("process slot action failed: {}", e.getMessage());
                try {
                    sleep(ERROR_PAUSE_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void sleep(long millis) throws InterruptedException {
        if (dashboard.awaitClosed(millis)) {
            throw new InterruptedException("closed");
        }
    }

    /** One round; returns the pause before the next one. */
    private long round() throws InterruptedException {
        Set<Integer> busy = new HashSet<>();
        List<Integer> planned = new ArrayList<>();
        List<Future<?>> running = new ArrayList<>();
        int parallel = Math.max(1, dashboard.config().migrationParallelSlots());
        RuntimeException failure = null;
        while (planned.size() < parallel) {
            int sid;
            try {
                sid = dashboard.locked(() -> prepareNext(busy, planned));
            } catch (RuntimeException e) {
                failure = e;
                break;
            }
            if (sid < 0) {
                break;
            }
            planned.add(sid);
            running.add(dashboard.workers().submit(() -> process(sid)));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return planned.isEmpty() ? IDLE_PAUSE_MILLIS : ROUND_PAUSE_MILLIS;
    }

    /** Picks the next slot (in-progress ones first, lowest index) and advances it to migrating. */
    private int prepareNext(Set<Integer> busy, List<Integer> planned) {
        Topology ctx = dashboard.ctx();
        SlotMapping chosen = null;
        for (boolean pendingPass : new boolean[] {false, true}) {
            if (pendingPass && dashboard.actionDisabled()) {
                break;
            }
            for (SlotMapping m : ctx.slots()) {
                String state = m.action().state();
                if (ActionState.isNothing(state) || planned.contains(m.id())
                        || ActionState.PENDING.equals(state) != pendingPass) {
                    continue;
                }
                if ((m.groupId() != 0 && busy.contains(m.groupId())) || busy.contains(m.action().targetId())) {
                    continue;
                }
                if (chosen == null || m.action().index() < chosen.action().index()) {
                    chosen = m;
                }
            }
            if (chosen != null) {
                break;
            }
        }
        if (chosen == null) {
            return -1;
        }
        if (chosen.groupId() != 0) {
            busy.add(chosen.groupId());
        }
        busy.add(chosen.action().targetId());
        advanceToMigrating(ctx, chosen);
        return chosen.id();
    }

    private void advanceToMigrating(Topology ctx, SlotMapping m) {
        int sid = m.id();
        LOG.warn("slot-[{}] action prepare:\n{}", sid, JsonCodec.pretty(m));
        while (true) {
            switch (m.action().state()) {
                case ActionState.PENDING -> {
                    m = m.withAction(m.action().withState(ActionState.PREPARING));
                    store(m);
                }
                case ActionState.PREPARING -> {
                    LOG.warn("slot-[{}] resync to prepared", sid);
                    SlotMapping prepared = m.withAction(m.action().withState(ActionState.PREPARED));
                    try {
                        dashboard.resyncSlotMappings(ctx, List.of(prepared));
                    } catch (RuntimeException e) {
                        LOG.warn("slot-[{}] resync-rollback to preparing", sid);
                        try {
                            dashboard.resyncSlotMappings(ctx, List.of(m));
                        } catch (RuntimeException rollback) {
                            LOG.warn("slot-[{}] resync-rollback to preparing failed: {}", sid, rollback.getMessage());
                        }
                        LOG.warn("slot-[{}] resync-rollback to preparing, done", sid);
                        throw e;
                    }
                    m = prepared;
                    store(m);
                }
                case ActionState.PREPARED -> {
                    LOG.warn("slot-[{}] resync to migrating", sid);
                    SlotMapping migrating = m.withAction(m.action().withState(ActionState.MIGRATING));
                    dashboard.resyncSlotMappings(ctx, List.of(migrating));
                    m = migrating;
                    store(m);
                }
                case ActionState.MIGRATING, ActionState.FINISHED -> {
                    return;
                }
                default -> throw new ApiError("slot-[" + sid + "] action state is invalid");
            }
        }
    }

    private void store(SlotMapping m) {
        dashboard.cache().dirtySlot(m.id());
        dashboard.store().updateSlot(m);
    }

    /** The source and target masters while the slot migrates, null when it is finished, or a pause. */
    private record Step(String source, String target, boolean finished, boolean paused) {
    }

    private Step nextStep(int sid) {
        Topology ctx = dashboard.ctx();
        SlotMapping m = ctx.slot(sid);
        String state = m.action().state();
        if (ActionState.FINISHED.equals(state)) {
            return new Step("", "", true, false);
        }
        if (!ActionState.MIGRATING.equals(state)) {
            throw new ApiError("slot-[" + sid + "] action isn't migrating");
        }
        if (dashboard.actionDisabled() || promoting(ctx, m.groupId()) || promoting(ctx, m.action().targetId())) {
            return new Step("", "", false, true);
        }
        return new Step(ctx.master(m.groupId()), ctx.master(m.action().targetId()), false, false);
    }

    private static boolean promoting(Topology ctx, int gid) {
        if (!ctx.hasGroup(gid)) {
            return false;
        }
        Group g = ctx.group(gid);
        return !ActionState.isNothing(g.promoting().state());
    }

    private void process(int sid) {
        dashboard.executors().incrementAndGet();
        try {
            int db = 0;
            while (true) {
                Step step = dashboard.locked(() -> nextStep(sid));
                if (step.finished()) {
                    break;
                }
                if (step.paused()) {
                    pause(1000);
                    continue;
                }
                long remaining;
                try {
                    remaining = dashboard.migrator().migrateBatch(step.source(), step.target(), sid, db);
                } catch (RuntimeException e) {
                    dashboard.setProgress(String.format("[ERROR] Slot[%04d]: %s", sid, e.getMessage()));
                    throw e;
                }
                if (remaining == 0) {
                    int next = dashboard.migrator().nextDb(step.source(), db);
                    if (next < 0) {
                        break;
                    }
                    db = next;
                    continue;
                }
                dashboard.setProgress(String.format("[OK] Slot[%04d]@DB[%d]=%d", sid, db, remaining));
                long micros = dashboard.actionInterval();
                if (micros > 0) {
                    pause(Math.max(1, micros / 1000));
                }
            }
            dashboard.lockedRun(() -> complete(sid));
            dashboard.setProgress("");
        } finally {
            dashboard.executors().decrementAndGet();
        }
    }

    private void pause(long millis) {
        try {
            if (dashboard.awaitClosed(millis)) {
                throw new ApiError(Dashboard.CLOSED);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(Dashboard.CLOSED);
        }
        if (stopped) {
            throw new ApiError(Dashboard.CLOSED);
        }
    }

    private void complete(int sid) {
        Topology ctx = dashboard.ctx();
        SlotMapping m = ctx.slot(sid);
        if (ActionState.MIGRATING.equals(m.action().state())) {
            m = m.withAction(m.action().withState(ActionState.FINISHED));
            store(m);
        }
        if (ActionState.FINISHED.equals(m.action().state())) {
            LOG.warn("slot-[{}] resync to finished", sid);
            dashboard.resyncSlotMappings(ctx, List.of(m));
            SlotMapping done = SlotMapping.assigned(sid, m.action().targetId());
            store(done);
            LOG.warn("slot-[{}] action complete:\n{}", sid, JsonCodec.pretty(done));
        }
    }
}
