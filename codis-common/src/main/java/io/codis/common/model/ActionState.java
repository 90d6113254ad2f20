package io.codis.common.model;

/**
 * The state strings of the three action objects: a slot's migration action, a group server's
 * sync (SLAVEOF) action and a group's promoting. They are stored and sent as these exact strings;
 * {@link #NOTHING} is omitted from the JSON.
 */
public final class ActionState {
    /** No action. */
    public static final String NOTHING = "";
    /** Slot action and server sync action: queued, not started. */
    public static final String PENDING = "pending";
    /** Slot action and group promoting: proxies are being told to hold requests. */
    public static final String PREPARING = "preparing";
    /** Slot action and group promoting: proxies hold requests. */
    public static final String PREPARED = "prepared";
    /** Slot action: keys are being moved. */
    public static final String MIGRATING = "migrating";
    /** Slot action and group promoting: done, being cleaned up. */
    public static final String FINISHED = "finished";
    /** Server sync action: SLAVEOF in progress. */
    public static final String SYNCING = "syncing";
    /** Server sync action result: SLAVEOF succeeded. */
    public static final String SYNCED = "synced";
    /** Server sync action result: SLAVEOF failed. */
    public static final String SYNCED_FAILED = "synced_failed";

    private ActionState() {
    }

    /** True for {@code null} and {@link #NOTHING}. */
    public static boolean isNothing(String state) {
        return state == null || state.isEmpty();
    }
}
