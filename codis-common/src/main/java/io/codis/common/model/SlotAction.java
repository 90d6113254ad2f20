package io.codis.common.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A slot's migration action ({@code "action"} of a SlotMapping): state the string of a
 * {@link SlotActionState} (typed by {@link #phase()}); index = global ordering number; targetId =
 * destination group.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"index", "state", "target_id"})
public record SlotAction(
        @JsonProperty("index") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int index,
        @JsonProperty("state") @JsonInclude(JsonInclude.Include.NON_DEFAULT) String state,
        @JsonProperty("target_id") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int targetId) {

    public static final SlotAction NONE = new SlotAction(0, ActionState.NOTHING, 0);

    public SlotAction {
        state = ZeroValues.orEmpty(state);
    }

    /** A queued migration to group {@code targetId}. */
    public static SlotAction pending(int index, int targetId) {
        return new SlotAction(index, ActionState.PENDING, targetId);
    }

    /** The typed form of {@link #state()}. */
    public SlotActionState phase() {
        return SlotActionState.of(state);
    }

    public SlotAction withState(SlotActionState newState) {
        return new SlotAction(index, newState.wire(), targetId);
    }

    public SlotAction withTarget(int newTargetId) {
        return new SlotAction(index, state, newTargetId);
    }
}
