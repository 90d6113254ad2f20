package io.codis.dashboard.migrate;

import io.codis.common.slot.SlotHash;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** Keys and bytes moved, per slot and in total; shared by passes running concurrently. */
public final class MoveCounters {
    private final AtomicLongArray keys = new AtomicLongArray(SlotHash.SLOT_COUNT);
    private final AtomicLongArray bytes = new AtomicLongArray(SlotHash.SLOT_COUNT);
    private final LongAdder totalKeys = new LongAdder();
    private final LongAdder totalBytes = new LongAdder();

    public void add(int sid, long movedKeys, long movedBytes) {
        keys.addAndGet(sid, movedKeys);
        bytes.addAndGet(sid, movedBytes);
        totalKeys.add(movedKeys);
        totalBytes.add(movedBytes);
    }

    public long keys(int sid) {
        return keys.get(sid);
    }

    public long bytes(int sid) {
        return bytes.get(sid);
    }

    public long totalKeys() {
        return totalKeys.sum();
    }

    public long totalBytes() {
        return totalBytes.sum();
    }

    /** Starts slot {@code sid}'s counts again from 0 (e.g. when a new action on it begins); totals stay. */
    public void reset(int sid) {
        keys.set(sid, 0);
        bytes.set(sid, 0);
    }
}
