package io.codis.dashboard.slots;

import io.codis.common.http.ApiError;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.SlotActionState;
import io.codis.common.model.SlotMapping;
import io.codis.dashboard.core.Background;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.core.OnlineLoop;
import io.codis.dashboard.proxy.ProxyFanout;
import io.codis.dashboard.store.Topology;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives slot actions (migration-and-ha.md "Slot action state machine" and "Scheduling"): each round
 * plans up to {@code migration_parallel_slots} slots whose groups are not busy, advances each through
 * pending → preparing → prepared → migrating (storing every state before the proxies act on the next
 * one), runs the {@link SlotMigrator} until the slot is empty, then finished → done. A dashboard
 * restarted at any point resumes from the stored state. {@link SlotActionStatus} steers it and shows
 * its progress.
 */
public final class SlotActionLoop implements Background {
    private static final Logger LOG = LoggerFactory.getLogger(SlotActionLoop.class);
    private static final long ERROR_PAUSE_MILLIS = 5000;
    private static final long IDLE_PAUSE_MILLIS = 1000;
    private static final long ROUND_PAUSE_MILLIS = 10;

    private final DashboardCore core;
    private final SlotActionStatus status;
    private final ProxyFanout proxies;
    private final SlotMigrator migrator;
    private final OnlineLoop loop;

    public SlotActionLoop(DashboardCore core, SlotActionStatus status, ProxyFanout proxies, SlotMigrator migrator) {
        this.core = core;
        this.status = status;
        this.proxies = proxies;
        this.migrator = migrator;
        this.loop = new OnlineLoop(core, "dashboard-slot-actions", this::round, ERROR_PAUSE_MILLIS,
                e -> LOG.warn("process slot action failed: {}", e.getMessage()));
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    /** One round; returns the pause before the next one. */
    private long round() throws InterruptedException {
        Set<Integer> busy = new HashSet<>();
        List<Integer> planned = new ArrayList<>();
        List<Future<?>> running = new ArrayList<>();
        int parallel = Math.max(1, core.config().migrationParallelSlots());
        RuntimeException failure = null;
        while (planned.size() < parallel) {
            int sid;
            try {
                sid = core.locked(ctx -> prepareNext(ctx, busy, planned));
            } catch (RuntimeException e) {
                failure = e;
                break;
            }
            if (sid < 0) {
                break;
            }
            planned.add(sid);
            running.add(core.workers().submit(() -> process(sid)));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
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
    private int prepareNext(Topology ctx, Set<Integer> busy, List<Integer> planned) {
        SlotMapping chosen = null;
        for (boolean pendingPass : new boolean[] {false, true}) {
            if (pendingPass && status.disabled()) {
                break;
            }
            for (SlotMapping m : ctx.slots()) {
                SlotActionState state = m.action().phase();
                if (state == SlotActionState.NOTHING || planned.contains(m.id())
                        || (state == SlotActionState.PENDING) != pendingPass) {
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
            SlotMapping next = switch (m.action().phase()) {
                case PENDING -> withState(m, SlotActionState.PREPARING);
                case PREPARING -> prepare(ctx, m);
                case PREPARED -> {
                    LOG.warn("slot-[{}] resync to migrating", sid);
                    SlotMapping migrating = withState(m, SlotActionState.MIGRATING);
                    proxies.resyncSlotMappings(ctx, List.of(migrating));
                    yield migrating;
                }
                case MIGRATING, FINISHED -> null; // taken as they are
                case NOTHING, INVALID -> throw new ApiError("slot-[" + sid + "] action state is invalid");
            };
            if (next == null) {
                return;
            }
            m = next;
            store(m);
        }
    }

    /** Pushes the locked {@code prepared} view to every proxy; on a failure pushes {@code preparing} back. */
    private SlotMapping prepare(Topology ctx, SlotMapping m) {
        int sid = m.id();
        LOG.warn("slot-[{}] resync to prepared", sid);
        SlotMapping prepared = withState(m, SlotActionState.PREPARED);
        try {
            proxies.resyncSlotMappings(ctx, List.of(prepared));
        } catch (RuntimeException e) {
            LOG.warn("slot-[{}] resync-rollback to preparing", sid);
            try {
                proxies.resyncSlotMappings(ctx, List.of(m));
            } catch (RuntimeException rollback) {
                LOG.warn("slot-[{}] resync-rollback to preparing failed: {}", sid, rollback.getMessage());
            }
            LOG.warn("slot-[{}] resync-rollback to preparing, done", sid);
            throw e;
        }
        return prepared;
    }

    private static SlotMapping withState(SlotMapping m, SlotActionState state) {
        return m.withAction(m.action().withState(state));
    }

    private void store(SlotMapping m) {
        core.store().updateSlot(m);
    }

    /** The source and target masters of the next batch, or the slot is finished, or it is paused. */
    private record Step(String source, String target, boolean finished, boolean paused) {
    }

    private Step nextStep(Topology ctx, int sid) {
        SlotMapping m = ctx.slot(sid);
        return switch (m.action().phase()) {
            case FINISHED -> new Step("", "", true, false);
            case MIGRATING -> status.disabled() || ctx.isPromoting(m.groupId())
                    || ctx.isPromoting(m.action().targetId())
                    ? new Step("", "", false, true)
                    : new Step(ctx.master(m.groupId()), ctx.master(m.action().targetId()), false, false);
            case NOTHING, PENDING, PREPARING, PREPARED, INVALID ->
                    throw new ApiError("slot-[" + sid + "] action isn't migrating");
        };
    }

    private void process(int sid) {
        status.executorStarted();
        try {
            int db = 0;
            while (true) {
                Step step = core.locked(ctx -> nextStep(ctx, sid));
                if (step.finished()) {
                    break;
                }
                if (step.paused()) {
                    pause(1000);
                    continue;
                }
                long remaining;
                try {
                    remaining = migrator.migrateBatch(step.source(), step.target(), sid, db);
                } catch (RuntimeException e) {
                    status.setProgress(String.format("[ERROR] Slot[%04d]: %s", sid, e.getMessage()));
                    throw e;
                }
                if (remaining == 0) {
                    int next = migrator.nextDb(step.source(), db);
                    if (next < 0) {
                        break;
                    }
                    db = next;
                    continue;
                }
                status.setProgress(String.format("[OK] Slot[%04d]@DB[%d]=%d", sid, db, remaining));
                long micros = status.interval();
                if (micros > 0) {
                    pause(Math.max(1, micros / 1000));
                }
            }
            core.lockedRun(ctx -> complete(ctx, sid));
            status.setProgress("");
        } finally {
            status.executorEnded();
        }
    }

    private void pause(long millis) {
        try {
            if (core.awaitClosed(millis)) {
                throw new ApiError(DashboardCore.CLOSED);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(DashboardCore.CLOSED);
        }
        if (loop.isStopped()) {
            throw new ApiError(DashboardCore.CLOSED);
        }
    }

    private void complete(Topology ctx, int sid) {
        SlotMapping m = ctx.slot(sid);
        if (m.action().phase() == SlotActionState.MIGRATING) {
            m = withState(m, SlotActionState.FINISHED);
            store(m);
        }
        if (m.action().phase() == SlotActionState.FINISHED) {
            LOG.warn("slot-[{}] resync to finished", sid);
            proxies.resyncSlotMappings(ctx, List.of(m));
            SlotMapping done = SlotMapping.assigned(sid, m.action().targetId());
            store(done);
            LOG.warn("slot-[{}] action complete:\n{}", sid, JsonCodec.pretty(done));
        }
    }
}
