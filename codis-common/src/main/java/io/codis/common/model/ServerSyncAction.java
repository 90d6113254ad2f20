package io.codis.common.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The SLAVEOF "sync action" of a group server ({@code "action"} in the JSON): state the string of a
 * {@link SyncActionState} (typed by {@link #phase()}); index = queue position while pending.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"index", "state"})
public record ServerSyncAction(
        @JsonProperty("index") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int index,
        @JsonProperty("state") @JsonInclude(JsonInclude.Include.NON_DEFAULT) String state) {

    public static final ServerSyncAction NONE = new ServerSyncAction(0, ActionState.NOTHING);

    public ServerSyncAction {
        state = ZeroValues.orEmpty(state);
    }

    /** The typed form of {@link #state()}. */
    public SyncActionState phase() {
        return SyncActionState.of(state);
    }
}
