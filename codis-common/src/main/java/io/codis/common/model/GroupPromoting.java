package io.codis.common.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A group's promote in progress ({@code "promoting"} in the JSON): state the string of a
 * {@link PromotingState} (typed by {@link #phase()}); index = position of the server being promoted.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"index", "state"})
public record GroupPromoting(
        @JsonProperty("index") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int index,
        @JsonProperty("state") @JsonInclude(JsonInclude.Include.NON_DEFAULT) String state) {

    public static final GroupPromoting NONE = new GroupPromoting(0, ActionState.NOTHING);

    public GroupPromoting {
        state = ZeroValues.orEmpty(state);
    }

    /** The typed form of {@link #state()}. */
    public PromotingState phase() {
        return PromotingState.of(state);
    }
}
