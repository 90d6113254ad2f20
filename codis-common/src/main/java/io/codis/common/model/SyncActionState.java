package io.codis.common.model;

/**
 * The typed state of a group server's sync (SLAVEOF) action (migration-and-ha.md "Sync actions (SLAVEOF)").
 * Each member but {@link #INVALID} stands for one {@link ActionState} string, which is what the
 * model stores and sends.
 */
public enum SyncActionState {
    /** No action. */
    NOTHING(ActionState.NOTHING),
    /** Queued. */
    PENDING(ActionState.PENDING),
    /** SLAVEOF in progress. */
    SYNCING(ActionState.SYNCING),
    /** SLAVEOF succeeded. */
    SYNCED(ActionState.SYNCED),
    /** SLAVEOF failed. */
    SYNCED_FAILED(ActionState.SYNCED_FAILED),
    /** A string this version does not know: acting on it fails, the model keeps it unchanged. */
    INVALID(null);

    private final String text;

    SyncActionState(String text) {
        this.text = text;
    }

    /** The stored and sent string; {@link #INVALID} has none. */
    public String wire() {
        return ActionState.wire(this, text, INVALID);
    }

    /**
     * The state {@code state} stands for: {@code null} and {@code ""} are {@link #NOTHING}, unknown
     * strings {@link #INVALID}.
     */
    public static SyncActionState of(String state) {
        return ActionState.parse(values(), s -> s.text, state, INVALID);
    }
}
