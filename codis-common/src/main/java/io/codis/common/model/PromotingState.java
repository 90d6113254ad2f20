package io.codis.common.model;

/**
 * The typed state of a group's promote of a replica (migration-and-ha.md "Promote a replica").
 * Each member but {@link #INVALID} stands for one {@link ActionState} string, which is what the
 * model stores and sends.
 */
public enum PromotingState {
    /** Not promoting. */
    NOTHING(ActionState.NOTHING),
    /** Stored before the proxies are told to lock the group's slots. */
    PREPARING(ActionState.PREPARING),
    /** Every proxy holds the requests of the group's slots. */
    PREPARED(ActionState.PREPARED),
    /** The servers are reordered, the proxies are being given the new master. */
    FINISHED(ActionState.FINISHED),
    /** A string this version does not know: acting on it fails, the model keeps it unchanged. */
    INVALID(null);

    private final String text;

    PromotingState(String text) {
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
    public static PromotingState of(String state) {
        return ActionState.parse(values(), s -> s.text, state, INVALID);
    }
}
