package io.codis.dashboard.slots;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What steers and reports the slot-action loop ({@code slot_action} of the stats): the pause between
 * batches, whether actions are disabled, the progress line, the number of running executors and,
 * beyond the original, the keys and bytes moved ({@link MigrationProgress}).
 */
public final class SlotActionStatus {
    /** The largest interval, in µs. */
    public static final int MAX_INTERVAL = 1_000_000;

    private volatile int interval;
    private volatile boolean disabled;
    private volatile String progress = "";
    private final AtomicInteger executors = new AtomicInteger();
    private final MigrationProgress migration = new MigrationProgress();
    private final PassClaims claims = new PassClaims();
    private final SplitKeys splitKeys = new SplitKeys();

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

    /** What the running slot actions moved, and how fast. */
    public MigrationProgress migration() {
        return migration;
    }

    /** Which slots the passes are moving, and which ones the removal of their action halts. */
    PassClaims claims() {
        return claims;
    }

    /** The keys the slots' moves stopped on with a different copy on each side. */
    SplitKeys splitKeys() {
        return splitKeys;
    }

    /** {@code slot_action} of the stats: the original's fields, then {@code migration}. */
    public ObjectNode toJson() {
        ObjectNode action = JsonNodeFactory.instance.objectNode();
        action.put("interval", interval);
        action.put("disabled", disabled);
        action.putObject("progress").put("status", progress);
        action.put("executor", executors.get());
        action.set("migration", migration.toJson());
        return action;
    }
}
