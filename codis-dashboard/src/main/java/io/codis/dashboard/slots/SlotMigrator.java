package io.codis.dashboard.slots;

import io.codis.common.config.DashboardConfig;
import io.codis.dashboard.migrate.BatchPacer;
import io.codis.dashboard.migrate.DbKey;
import io.codis.dashboard.migrate.MoveCounters;
import io.codis.dashboard.migrate.MoverSettings;
import io.codis.dashboard.migrate.SlotOutcome;
import io.codis.dashboard.migrate.SourcePass;
import java.util.Map;
import java.util.Set;

/**
 * Moves the keys of the slots leaving one source group's master to their targets, one pass at a time
 * (migration-and-ha.md "Moving the data" and "Emulating on stock Redis 7"). It is the only part of a
 * slot action that touches the data: the {@link SlotActionLoop} stores every state, pushes the views
 * to the proxies, and, once the slots are {@code migrating}, runs passes until each slot is
 * {@link SlotOutcome#isEmpty() empty} or stopped by an error. The loop runs passes over different
 * sources at the same time, outside the dashboard's lock.
 */
@FunctionalInterface
public interface SlotMigrator {
    /**
     * One pass over {@code source} for the slots of {@code targetBySlot}.
     *
     * @param source master of the source group, {@code ""} when the slots were offline (nothing to move)
     * @param targetBySlot slot → master of its target group
     * @param staleAtSource per slot, keys whose copy on the source is known to be older than the one on
     *     the target: where both exist they stay as they are and do not keep the slot from being empty
     * @param counters where the keys and bytes moved are added up
     * @param pacer called before each batch: where the loop waits and may stop the pass
     * @return what the pass did, for every slot of {@code targetBySlot}
     */
    Map<Integer, SlotOutcome> pass(String source, Map<Integer, String> targetBySlot,
            Map<Integer, Set<DbKey>> staleAtSource, MoveCounters counters, BatchPacer pacer);

    /** The migrator a dashboard with {@code config} runs with, unless it is given one. */
    static SlotMigrator forConfig(DashboardConfig config) {
        MoverSettings settings = MoverSettings.of(config);
        return (source, targets, stale, counters, pacer) ->
                new SourcePass(source, settings, counters, pacer).run(targets, stale);
    }
}
