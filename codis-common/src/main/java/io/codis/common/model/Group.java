package io.codis.common.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A group of Redis servers (master first), stored at {@code /codis3/{product}/group/group-{gid:04d}}.
 * A {@code null} or missing servers array reads as empty and is always written as an array.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "servers", "promoting", "out_of_sync"})
public record Group(
        @JsonProperty("id") int id,
        @JsonProperty("servers") List<GroupServer> servers,
        @JsonProperty("promoting") GroupPromoting promoting,
        @JsonProperty("out_of_sync") boolean outOfSync) {

    public Group {
        servers = ZeroValues.orEmpty(servers);
        promoting = promoting == null ? GroupPromoting.NONE : promoting;
    }

    /** A newly created group: no servers, not promoting, in sync. */
    public static Group create(int id) {
        return new Group(id, List.of(), GroupPromoting.NONE, false);
    }

    public Group withServers(List<GroupServer> newServers) {
        return new Group(id, newServers, promoting, outOfSync);
    }

    public Group withPromoting(GroupPromoting newPromoting) {
        return new Group(id, servers, newPromoting, outOfSync);
    }

    public Group withOutOfSync(boolean newOutOfSync) {
        return new Group(id, servers, promoting, newOutOfSync);
    }
}
