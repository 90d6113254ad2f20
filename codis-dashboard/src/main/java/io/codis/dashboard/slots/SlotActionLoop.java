package io.codis.dashboard.slots;

import io.codis.common.http.ApiError;
import io.codis.common.model.Proxy;
import io.codis.common.model.SlotActionState;
import io.codis.common.model.SlotMapping;
import io.codis.dashboard.core.Background;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.core.OnlineLoop;
import io.codis.dashboard.migrate.ProgressText;
import io.codis.dashboard.proxy.ProxyFanout;
import io.codis.dashboard.store.Topology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives slot actions (migration-and-ha.md "Slot action state machine" and "Scheduling"): each round
 * takes up to {@code migration_parallel_slots} actions whose source holds keys (and every offline one),
 * those in progress first and then, unless actions are disabled, the pending ones, each in the order
 * of its index; advances them together to
 * {@code migrating} through the {@link SlotBarrier}; then moves the keys of each source group with
 * one {@link SourceMigration} (sources in parallel, many slots per pass) and completes every slot
 * found empty. Slots whose source is offline or holds none of their keys are done by the first pass,
 * so a rebalance of an empty cluster takes a round or a few. A dashboard restarted at any point resumes
 * from the stored states. {@link SlotActionStatus} steers it and shows its progress.
 */
public final class SlotActionLoop implements Background {
    private static final Logger LOG = LoggerFactory.getLogger(SlotActionLoop.class);
    private static final long ERROR_PAUSE_MILLIS = 5000;
    private static final long IDLE_PAUSE_MILLIS = 1000;
    private static final long ROUND_PAUSE_MILLIS = 10;
    static final String GO_PROXY_REFUSAL = "proxy-[%s] at %s is a Codis (Go) proxy, which cannot serve a slot"
            + " migrating between live groups on stock Redis; remove it before moving slots of a live group";

    private final DashboardCore core;
    private final SlotActionStatus status;
    private final ProxyFanout proxies;
    private final SlotBarrier barrier;
    private final SourceMigration sources;
    private final OnlineLoop loop;

    public SlotActionLoop(DashboardCore core, SlotActionStatus status, ProxyFanout proxies, SlotMigrator migrator) {
        this.core = core;
        this.status = status;
        this.proxies = proxies;
        this.barrier = new SlotBarrier(core, proxies);
        this.sources = new SourceMigration(core, status, migrator, barrier, this::sleepNanos);
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
        Plan plan = core.locked(this::plan);
        if (plan.slots().isEmpty()) {
            if (plan.refusal() != null) {
                throw new ApiError(plan.refusal());
            }
            return IDLE_PAUSE_MILLIS;
        }
        Map<Integer, Set<Integer>> bySource = new TreeMap<>();
        List<Integer> finished = new ArrayList<>();
        for (SlotMapping m : plan.slots()) {
            if (m.action().phase() == SlotActionState.FINISHED) {
                finished.add(m.id());
            } else {
                bySource.computeIfAbsent(m.groupId(), gid -> new TreeSet<>()).add(m.id());
            }
        }
        if (!finished.isEmpty()) {
            core.lockedRun(ctx -> barrier.complete(ctx, finished));
        }
        List<Future<String>> running = new ArrayList<>();
        bySource.forEach((gid, sids) -> running.add(core.workers().submit(() -> sources.run(gid, sids))));
        String failure = plan.refusal();
        RuntimeException thrown = null;
        for (Future<String> f : running) {
            try {
                String error = f.get();
                failure = failure != null ? failure : error;
            } catch (ExecutionException e) {
                if (thrown == null) {
                    thrown = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        if (thrown != null) {
            throw thrown;
        }
        if (failure != null) {
            throw new ApiError(failure);
        }
        return ROUND_PAUSE_MILLIS;
    }

    /** The slots of this round, advanced to migrating, and why some were refused. */
    private record Plan(List<SlotMapping> slots, String refusal) {
    }

    /**
     * Chooses the round's slots (in progress first, lowest index first) and advances them to migrating:
     * up to {@code migration_parallel_slots} whose source holds keys to move, and every offline one
     * besides (they move nothing, so they need not wait their turn).
     */
    private Plan plan(Topology ctx) {
        int parallel = Math.max(1, core.config().migrationParallelSlots());
        Comparator<SlotMapping> byIndex = Comparator.comparingInt(m -> m.action().index());
        List<SlotMapping> chosen = new ArrayList<>();
        int live = 0;
        for (boolean pendingPass : new boolean[] {false, true}) {
            if (pendingPass && status.disabled()) {
                break;
            }
            List<SlotMapping> candidates = ctx.slots().stream()
                    .filter(m -> m.action().phase() != SlotActionState.NOTHING)
                    .filter(m -> (m.action().phase() == SlotActionState.PENDING) == pendingPass)
                    .filter(m -> !status.claims().halted(m.id()))
                    .sorted(byIndex).toList();
            for (SlotMapping m : candidates) {
                boolean offline = ctx.master(m.groupId()).isEmpty();
                if (offline || live < parallel) {
                    chosen.add(m);
                    live += offline ? 0 : 1;
                }
            }
        }
        String refusal = null;
        List<SlotMapping> refused = chosen.stream()
                .filter(m -> beforeBarrier(m) && !ctx.master(m.groupId()).isEmpty()).toList();
        if (!refused.isEmpty()) {
            List<Proxy> go = proxies.goProxies(ctx);
            if (!go.isEmpty()) {
                refusal = ProgressText.error(refused.get(0).id(),
                        String.format(GO_PROXY_REFUSAL, go.get(0).token(), go.get(0).adminAddr()));
                status.setProgress(refusal);
                chosen.removeAll(refused);
            }
        }
        return new Plan(chosen.isEmpty() ? List.of() : barrier.toMigrating(ctx, chosen), refusal);
    }

    /** No proxy has been told of the action yet. */
    private static boolean beforeBarrier(SlotMapping m) {
        SlotActionState state = m.action().phase();
        return state == SlotActionState.PENDING || state == SlotActionState.PREPARING;
    }

    /** Waits, or ends the caller with {@value DashboardCore#CLOSED} once the dashboard closes or the loop stops. */
    private void sleepNanos(long nanos) {
        try {
            if (nanos >= 1_000_000) {
                if (core.awaitClosed(nanos / 1_000_000)) {
                    throw new ApiError(DashboardCore.CLOSED);
                }
            } else {
                LockSupport.parkNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(DashboardCore.CLOSED);
        }
        if (loop.isStopped() || core.isClosed()) {
            throw new ApiError(DashboardCore.CLOSED);
        }
    }
}
