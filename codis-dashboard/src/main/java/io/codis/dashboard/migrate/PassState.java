package io.codis.dashboard.migrate;

import java.util.Map;

/** What the parts of one running pass share: its connections, its limits and the slots' tallies. */
record PassState(Link source, TargetLinks targets, MoverSettings settings, MoveCounters counters,
        SlotTallies tallies) {
    SlotTally tally(KeyInfo key) {
        return tallies.of(key.slot());
    }

    /** The target of {@code key}'s slot with {@code db} selected. */
    Link target(KeyInfo key, int db) {
        return targets.at(tally(key).target(), db);
    }

    /** Counts {@code key} as moved by this pass. */
    void credit(KeyInfo key, long bytes) {
        long counted = Math.max(0, bytes);
        tally(key).moved(1, counted);
        counters.add(key.slot(), 1, counted);
    }
}
