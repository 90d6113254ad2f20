package io.codis.common.model;

import java.util.function.Function;

/**
 * The state strings of the three action objects, as the original stores and sends them: a slot's
 * migration action ({@link SlotActionState}), a group server's sync (SLAVEOF) action
 * ({@link SyncActionState}) and a group's promoting ({@link PromotingState}). The models keep the
 * string, so a state this version does not know still reads and writes unchanged; code that acts on a
 * state switches over the typed form. {@link #NOTHING} is omitted from the JSON.
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

    /**
     * The member of {@code states} whose string is {@code state} ({@code null} reads as
     * {@link #NOTHING}), or {@code invalid} when there is none.
     */
    static <E extends Enum<E>> E parse(E[] states, Function<E, String> wire, String state, E invalid) {
        String text = isNothing(state) ? NOTHING : state;
        for (E e : states) {
            if (e != invalid && wire.apply(e).equals(text)) {
                return e;
            }
        }
        return invalid;
    }

    /** The string of a typed state; {@code invalid} has none and is never written. */
    static <E extends Enum<E>> String wire(E state, String text, E invalid) {
        if (state == invalid) {
            throw new IllegalStateException("an invalid action state has no string to write");
        }
        return text;
    }
}
