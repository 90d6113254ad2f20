package io.codis.dashboard.migrate;

import java.util.SortedMap;
import java.util.TreeMap;

/** What a running pass has done so far for one slot: where it goes, keys seen and moved, its error. */
final class SlotTally {
    private final int sid;
    private final String target;
    private final SortedMap<Integer, Long> seenByDb = new TreeMap<>();
    private long movedKeys;
    private long movedBytes;
    private String error;

    SlotTally(int sid, String target) {
        this.sid = sid;
        this.target = target;
    }

    /** Counts a key of the slot the pass found in {@code db}. */
    void saw(int db) {
        seenByDb.merge(db, 1L, Long::sum);
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
        return new SlotOutcome(sid, seenByDb, movedKeys, movedBytes, complete, error);
    }
}
