package io.codis.common.model;

/**
 * The typed state of a slot's migration action (migration-and-ha.md "Slot action state machine").
 * Each member but {@link #INVALID} stands for one {@link ActionState} string, which is what the
 * model stores and sends.
 */
public enum SlotActionState {
    /** No action, the slot is served by its group. */
    NOTHING(ActionState.NOTHING),
    /** Queued, nothing pushed to proxies yet. */
    PENDING(ActionState.PENDING),
    /** Stored before the proxies are told to lock the slot. */
    PREPARING(ActionState.PREPARING),
    /** Every proxy holds the slot's requests (locked). */
    PREPARED(ActionState.PREPARED),
    /** Proxies forward to the target while the keys move. */
    MIGRATING(ActionState.MIGRATING),
    /** The keys have moved, the target becomes the slot's group. */
    FINISHED(ActionState.FINISHED),
    /** A string this version does not know: acting on it fails, the model keeps it unchanged. */
    INVALID(null);

    private final String text;

    SlotActionState(String text) {
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
    public static SlotActionState of(String state) {
        return ActionState.parse(values(), s -> s.text, state, INVALID);
    }
}
