package io.codis.common.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Which group owns a slot and its migration, stored at {@code /codis3/{product}/slots/slot-{sid:04d}};
 * group 0 means offline. A slot without a node reads as {@link #offline(int)}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "group_id", "action"})
public record SlotMapping(
        @JsonProperty("id") int id,
        @JsonProperty("group_id") int groupId,
        @JsonProperty("action") SlotAction action) {

    public SlotMapping {
        action = action == null ? SlotAction.NONE : action;
    }

    /** {@code {"id": sid, "group_id": 0, "action": {}}}. */
    public static SlotMapping offline(int id) {
        return new SlotMapping(id, 0, SlotAction.NONE);
    }

    /** {@code {"id": sid, "group_id": gid, "action": {}}}. */
    public static SlotMapping assigned(int id, int groupId) {
        return new SlotMapping(id, groupId, SlotAction.NONE);
    }

    public SlotMapping withGroupId(int newGroupId) {
        return new SlotMapping(id, newGroupId, action);
    }

    public SlotMapping withAction(SlotAction newAction) {
        return new SlotMapping(id, groupId, newAction);
    }
}
