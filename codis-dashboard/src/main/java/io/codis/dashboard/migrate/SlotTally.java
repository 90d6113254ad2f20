package io.codis.dashboard.migrate;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a running pass has done so far for one slot: where it goes, keys seen and moved, the keys it
 * found with a different copy on each side, its error.
 */
final class SlotTally {
    private final int sid;
    private final String target;
    private final Set<DbKey> staleAtSource;
    private final SortedMap<Integer, Long> seenByDb = new TreeMap<>();
    private final Set<DbKey> conflicts = new LinkedHashSet<>();
    private long movedKeys;
    private long movedBytes;
    private String error;

    /** @param staleAtSource keys whose copy on the source is known to be older than the target's (left as they are) */
    SlotTally(int sid, String target, Set<DbKey> staleAtSource) {
        this.sid = sid;
        this.target = target;
        this.staleAtSource = Set.copyOf(staleAtSource);
    }

    /** Counts a key of the slot the pass found in {@code db}. */
    void saw(int db) {
        seenByDb.merge(db, 1L, Long::sum);
    }

    /** The source's copy of {@code key} is known to be older than the target's: both stay, it does not count. */
    boolean leaves(DbKey key) {
        return staleAtSource.contains(key);
    }

    /** A key counted by {@link #saw} that the slot leaves where it is. */
    void left(int db) {
        seenByDb.computeIfPresent(db, (d, n) -> n > 1 ? n - 1 : null);
    }

    /** A key found on both sides with different values. */
    void conflict(DbKey key) {
        conflicts.add(key);
    }

    String target() {
        return target;
    }

    void moved(long keys, long bytes) {
        movedKeys += keys;
        movedBytes += Math.max(0, bytes);
    }

    /** Stops the slot for the rest of the pass; the first error is the one reported. */
    void fail(String message) {
        if (error == null) {
            error = message;
        }
    }

    boolean failed() {
        return error != null;
    }

    SlotOutcome outcome(boolean complete) {
        return new SlotOutcome(sid, seenByDb, movedKeys, movedBytes, complete, error, conflicts);
    }
}
