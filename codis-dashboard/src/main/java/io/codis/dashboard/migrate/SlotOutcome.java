package io.codis.dashboard.migrate;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one pass did for one slot: the keys of the slot it saw per DB, the keys and bytes it moved,
 * and the error that stopped the slot, if any.
 *
 * @param seenByDb keys of the slot the pass found, by DB (DBs without any are absent)
 * @param complete whether the pass scanned every DB of the source to the end
 * @param error why the slot stopped in this pass, or {@code null}
 * @param conflicts the keys of the slot found on both sides with different values (both copies stay)
 */
public record SlotOutcome(int sid, SortedMap<Integer, Long> seenByDb, long movedKeys, long movedBytes,
        boolean complete, String error, Set<DbKey> conflicts) {
    public SlotOutcome {
        seenByDb = Collections.unmodifiableSortedMap(new TreeMap<>(seenByDb));
        conflicts = Collections.unmodifiableSet(new LinkedHashSet<>(conflicts));
    }

    /** An outcome without conflicts. */
    public SlotOutcome(int sid, SortedMap<Integer, Long> seenByDb, long movedKeys, long movedBytes, boolean complete,
            String error) {
        this(sid, seenByDb, movedKeys, movedBytes, complete, error, Set.of());
    }

    /** Keys of the slot the pass found in all DBs. */
    public long seen() {
        return seenByDb.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean failed() {
        return error != null;
    }

    /** The slot holds no key on the source: a complete pass without error found none in any DB. */
    public boolean isEmpty() {
        return complete && !failed() && seenByDb.isEmpty();
    }

    /**
     * The progress line: {@code [ERROR] Slot[NNNN]: …} after an error, {@code ""} once empty, otherwise
     * {@code [OK] Slot[NNNN]@DB[d]=n} for the lowest DB where the pass found keys of the slot.
     */
    public String status() {
        if (failed()) {
            return ProgressText.error(sid, error);
        }
        if (isEmpty()) {
            return "";
        }
        if (seenByDb.isEmpty()) {
            return ProgressText.ok(sid, 0, 0);
        }
        Map.Entry<Integer, Long> first = seenByDb.entrySet().iterator().next();
        return ProgressText.ok(sid, first.getKey(), first.getValue());
    }
}
