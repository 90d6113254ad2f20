package io.codis.dashboard.migrate;

import io.codis.common.slot.SlotHash;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The tallies of a pass's slots, found by slot id at the cost of an array index (a pass asks per key). */
final class SlotTallies {
    private final SlotTally[] bySlot = new SlotTally[SlotHash.SLOT_COUNT];
    private final Map<Integer, SlotTally> inOrder = new TreeMap<>();

    /**
     * A tally for each slot of {@code targetBySlot} (slot → master of its target group), with the keys
     * of {@code staleAtSource} (by slot) the slot leaves where they are.
     */
    SlotTallies(Map<Integer, String> targetBySlot, Map<Integer, Set<DbKey>> staleAtSource) {
        targetBySlot.forEach((sid, target) -> {
            if (!SlotHash.isValidSlot(sid)) {
                throw new IllegalArgumentException("invalid slot id " + sid);
            }
            SlotTally tally = new SlotTally(sid, target, staleAtSource.getOrDefault(sid, Set.of()));
            bySlot[sid] = tally;
            inOrder.put(sid, tally);
        });
    }

    /** The tally of slot {@code sid}, or null when the pass does not move it. */
    SlotTally of(int sid) {
        return bySlot[sid];
    }

    boolean isEmpty() {
        return inOrder.isEmpty();
    }

    /** Every tally, by slot id. */
    Collection<SlotTally> all() {
        return inOrder.values();
    }
}
