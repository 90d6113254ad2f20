package io.codis.dashboard.slots;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What steers and reports the slot-action loop ({@code slot_action} of the stats): the pause between
 * batches, whether actions are disabled, the progress line and the number of running executors.
 */
public final class SlotActionStatus {
    /** The largest interval, in µs. */
    public static final int MAX_INTERVAL = 1_000_000;

    private volatile int interval;
    private volatile boolean disabled;
    private volatile String progress = "";
    private final AtomicInteger executors = new AtomicInteger();

    /** The pause between two batches of a slot, in µs. */
    public int interval() {
        return interval;
    }

    /** Sets the interval, clamped to 0..{@value #MAX_INTERVAL}; returns the value set. */
    int setInterval(int micros) {
        interval = Math.max(0, Math.min(MAX_INTERVAL, micros));
        return interval;
    }

    /** Pending actions are not started and migrating slots pause at their next batch. */
    public boolean disabled() {
        return disabled;
    }

    void setDisabled(boolean value) {
        disabled = value;
    }

    /** {@code [OK] Slot[....]@DB[.]=n}, {@code [ERROR] Slot[....]: ...} or {@code ""}. */
    public String progress() {
        return progress;
    }

    void setProgress(String status) {
        progress = status;
    }

    /** The number of slots whose keys are being moved right now. */
    public int executors() {
        return executors.get();
    }

    void executorStarted() {
        executors.incrementAndGet();
    }

    void executorEnded() {
        executors.decrementAndGet();
    }
}
