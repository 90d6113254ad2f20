package io.codis.common.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A Redis server of a group ({@code "server"} is its {@code host:port}); index 0 of a group is the master. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"server", "datacenter", "action", "replica_group"})
public record GroupServer(
        @JsonProperty("server") String addr,
        @JsonProperty("datacenter") String datacenter,
        @JsonProperty("action") ServerSyncAction action,
        @JsonProperty("replica_group") boolean replicaGroup) {

    public GroupServer {
        addr = ZeroValues.orEmpty(addr);
        datacenter = ZeroValues.orEmpty(datacenter);
        action = action == null ? ServerSyncAction.NONE : action;
    }

    /** A server just added to a group: no action, not serving reads. */
    public static GroupServer of(String addr, String datacenter) {
        return new GroupServer(addr, datacenter, ServerSyncAction.NONE, false);
    }

    public GroupServer withAction(ServerSyncAction newAction) {
        return new GroupServer(addr, datacenter, newAction, replicaGroup);
    }

    public GroupServer withReplicaGroup(boolean enabled) {
        return new GroupServer(addr, datacenter, action, enabled);
    }
}
