package io.codis.dashboard.slots;

import io.codis.common.model.SlotActionState;
import io.codis.common.model.SlotMapping;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.migrate.DbKey;
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
 * scan of the source per pass, not one per slot. A slot whose action is being removed leaves the pass
 * before its next batch ({@link PassClaims}).
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

    /**
     * What the next pass is to do: the source group and its master, each slot's target group and
     * master, and the keys each slot leaves as they are ({@link SplitKeys}).
     */
    private record Work(int gid, String source, Map<Integer, Integer> targetGroupBySlot,
            Map<Integer, String> targetBySlot, Map<Integer, Set<DbKey>> staleAtSource) {
        Set<Integer> groups() {
            Set<Integer> groups = new HashSet<>(targetGroupBySlot.values());
            groups.add(gid);
            return groups;
        }
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
                Map<Integer, SlotOutcome> outcomes;
                try {
                    outcomes = pass(work);
                } catch (PassClaims.Halted e) {
                    continue;
                } finally {
                    status.claims().release(work.targetBySlot().keySet());
                }
                if (outcomes == null) {
                    continue;
                }
                List<Integer> empty = new ArrayList<>();
                String shown = null;
                for (SlotOutcome outcome : outcomes.values()) {
                    status.migration().passed(outcome);
                    status.splitKeys().found(outcome.sid(), gid, outcome.conflicts());
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
                    complete(work, empty);
                    left.removeAll(empty);
                }
                status.setProgress(shown != null ? shown : "");
            }
            return firstError;
        } finally {
            sids.forEach(sid -> status.executorEnded());
        }
    }

    /** One pass of {@code work}; null when the pass must wait (actions disabled, a group promoting). */
    private Map<Integer, SlotOutcome> pass(Work work) {
        MigrationPacer pacer = new MigrationPacer(core, status, work.groups(), work.targetBySlot().keySet(), sleeper);
        if (pacer.mustPause()) {
            sleeper.sleepNanos(MigrationPacer.PAUSED_RECHECK_NANOS);
            return null;
        }
        return migrator.pass(work.source(), work.targetBySlot(), work.staleAtSource(), status.migration().counters(),
                pacer);
    }

    private void complete(Work work, List<Integer> empty) {
        core.lockedRun(ctx -> barrier.complete(ctx, empty));
        for (int sid : empty) {
            status.migration().ended(sid);
            Set<DbKey> split = status.splitKeys().forget(sid, work.targetGroupBySlot().get(sid));
            if (!split.isEmpty()) {
                LOG.warn("slot-[{}] left on {} its older copy of {}", sid, work.source(), split);
            }
        }
    }

    /**
     * The pass for the slots of {@code left} still migrating and not halted, which it claims; a slot
     * found otherwise leaves the pass.
     */
    private Work work(Topology ctx, int gid, Set<Integer> left) {
        Map<Integer, Integer> groups = new TreeMap<>();
        Map<Integer, String> targets = new TreeMap<>();
        Map<Integer, Set<DbKey>> stale = new TreeMap<>();
        for (int sid : List.copyOf(left)) {
            SlotMapping m = ctx.slot(sid);
            if (m.action().phase() != SlotActionState.MIGRATING || m.groupId() != gid || status.claims().halted(sid)) {
                left.remove(sid);
                status.migration().ended(sid);
                continue;
            }
            int target = m.action().targetId();
            groups.put(sid, target);
            targets.put(sid, ctx.master(target));
            Set<DbKey> served = status.splitKeys().servedAt(sid, target);
            if (!served.isEmpty()) {
                stale.put(sid, served);
            }
        }
        status.claims().claim(targets.keySet());
        return new Work(gid, gid == 0 ? "" : ctx.master(gid), groups, targets, stale);
    }
}
