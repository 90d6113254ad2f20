package io.codis.dashboard.slots;

import io.codis.common.model.SlotActionState;
import io.codis.common.model.SlotMapping;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.migrate.SlotOutcome;
import io.codis.dashboard.store.Topology;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migrating slots of one source group, moved by passes of the {@link SlotMigrator} over the
 * source until each is empty (then its action completes at once, with the others found empty by the
 * same pass) or stopped by an error (it stays {@code migrating}, both copies of any conflicting key
 * stay, and the next round tries again). Each pass serves all of them, so moving many slots costs one
 * scan of the source per pass, not one per slot.
 */
final class SourceMigration {
    private static final Logger LOG = LoggerFactory.getLogger(SourceMigration.class);

    private final DashboardCore core;
    private final SlotActionStatus status;
    private final SlotMigrator migrator;
    private final SlotBarrier barrier;
    private final MigrationPacer.Sleeper sleeper;

    SourceMigration(DashboardCore core, SlotActionStatus status, SlotMigrator migrator, SlotBarrier barrier,
            MigrationPacer.Sleeper sleeper) {
        this.core = core;
        this.status = status;
        this.migrator = migrator;
        this.barrier = barrier;
        this.sleeper = sleeper;
    }

    /** What the next pass is to do: the source's master and each slot's target master. */
    private record Work(String source, Map<Integer, String> targetBySlot, Set<Integer> groups) {
    }

    /**
     * Moves the keys of {@code sids} (all {@code migrating} out of group {@code gid}) until each is
     * complete or has failed.
     *
     * @return the progress line of the first slot that failed, or {@code null} when all completed
     */
    String run(int gid, Set<Integer> sids) {
        Set<Integer> left = new TreeSet<>(sids);
        String firstError = null;
        sids.forEach(sid -> {
            status.migration().started(sid);
            status.executorStarted();
        });
        try {
            while (!left.isEmpty()) {
                Work work = core.locked(ctx -> work(ctx, gid, left));
                MigrationPacer pacer = new MigrationPacer(core, status, work.groups(), sleeper);
                if (pacer.mustPause()) {
                    sleeper.sleepNanos(MigrationPacer.PAUSED_RECHECK_NANOS);
                    continue;
                }
                Map<Integer, SlotOutcome> outcomes = migrator.pass(work.source(), work.targetBySlot(),
                        status.migration().counters(), pacer);
                List<Integer> empty = new ArrayList<>();
                String shown = null;
                for (SlotOutcome outcome : outcomes.values()) {
                    status.migration().passed(outcome);
                    if (outcome.isEmpty()) {
                        empty.add(outcome.sid());
                    } else if (outcome.failed()) {
                        LOG.warn("slot-[{}] migration stopped: {}", outcome.sid(), outcome.error());
                        left.remove(outcome.sid());
                        firstError = firstError != null ? firstError : outcome.status();
                        shown = firstError;
                    } else if (shown == null) {
                        shown = outcome.status();
                    }
                }
                if (!empty.isEmpty()) {
                    core.lockedRun(ctx -> barrier.complete(ctx, empty));
                    empty.forEach(sid -> {
                        left.remove(sid);
                        status.migration().ended(sid);
                    });
                }
                status.setProgress(shown != null ? shown : "");
            }
            return firstError;
        } finally {
            sids.forEach(sid -> status.executorEnded());
        }
    }

    /** The pass for the slots of {@code left} still migrating; a slot found otherwise leaves the pass. */
    private Work work(Topology ctx, int gid, Set<Integer> left) {
        Map<Integer, String> targets = new TreeMap<>();
        Set<Integer> groups = new HashSet<>();
        groups.add(gid);
        for (int sid : List.copyOf(left)) {
            SlotMapping m = ctx.slot(sid);
            if (m.action().phase() != SlotActionState.MIGRATING || m.groupId() != gid) {
                left.remove(sid);
                status.migration().ended(sid);
                continue;
            }
            targets.put(sid, ctx.master(m.action().targetId()));
            groups.add(m.action().targetId());
        }
        return new Work(gid == 0 ? "" : ctx.master(gid), targets, groups);
    }
}
