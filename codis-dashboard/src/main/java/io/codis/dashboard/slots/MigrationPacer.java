package io.codis.dashboard.slots;

import io.codis.common.http.ApiError;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.migrate.BatchPacer;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The slot-action loop's hold on a running pass, before each batch: it waits while actions are
 * disabled or a group of the pass is being promoted (the slots pause, they are not abandoned), then
 * sleeps the action {@code interval}; it ends the pass when the dashboard closes, and when the action of
 * one of its slots is being removed ({@link PassClaims.Halted}).
 */
final class MigrationPacer implements BatchPacer {
    /** A wait that ends the pass (by {@link ApiError}) when the dashboard closes. */
    interface Sleeper {
        void sleepNanos(long nanos);
    }

    static final long PAUSED_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final DashboardCore core;
    private final SlotActionStatus status;
    private final Set<Integer> groups;
    private final Set<Integer> slots;
    private final Sleeper sleeper;

    /**
     * @param groups the source and target groups of the pass
     * @param slots the slots of the pass
     */
    MigrationPacer(DashboardCore core, SlotActionStatus status, Set<Integer> groups, Collection<Integer> slots,
            Sleeper sleeper) {
        this.core = core;
        this.status = status;
        this.groups = Set.copyOf(groups);
        this.slots = Set.copyOf(slots);
        this.sleeper = sleeper;
    }

    @Override
    public void beforeBatch(String target) {
        status.claims().stopIfHalted(slots);
        while (mustPause()) {
            status.claims().stopIfHalted(slots);
            sleeper.sleepNanos(PAUSED_RECHECK_NANOS);
        }
        long micros = status.interval();
        if (micros > 0) {
            sleeper.sleepNanos(TimeUnit.MICROSECONDS.toNanos(micros));
        }
    }

    /** Actions are disabled or one of the groups is being promoted. */
    boolean mustPause() {
        if (core.isClosed()) {
            throw new ApiError(DashboardCore.CLOSED);
        }
        return status.disabled() || core.locked(ctx -> groups.stream().anyMatch(ctx::isPromoting));
    }
}
