package io.codis.common.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A slot as a proxy routes it (never stored): where to send commands, where keys come from while
 * migrating, and the read replicas by priority tier. Every field but {@code id} is omitted when
 * empty; an empty backend address means the slot is offline.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "locked", "backend_addr", "backend_addr_group_id", "migrate_from",
        "migrate_from_group_id", "forward_method", "replica_groups"})
public record Slot(
        @JsonProperty("id") int id,
        @JsonProperty("locked") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean locked,
        @JsonProperty("backend_addr") @JsonInclude(JsonInclude.Include.NON_DEFAULT) String backendAddr,
        @JsonProperty("backend_addr_group_id") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int backendAddrGroupId,
        @JsonProperty("migrate_from") @JsonInclude(JsonInclude.Include.NON_DEFAULT) String migrateFrom,
        @JsonProperty("migrate_from_group_id") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int migrateFromGroupId,
        @JsonProperty("forward_method") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int forwardMethod,
        @JsonProperty("replica_groups") @JsonInclude(JsonInclude.Include.NON_DEFAULT) List<List<String>> replicaGroups) {

    /** {@code forward_method} 0: commands wait for the key's migration (MIGRATE) to finish. */
    public static final int FORWARD_SYNC = 0;
    /** {@code forward_method} 1: semi-async migration. */
    public static final int FORWARD_SEMI_ASYNC = 1;

    public Slot {
        backendAddr = ZeroValues.orEmpty(backendAddr);
        migrateFrom = ZeroValues.orEmpty(migrateFrom);
        replicaGroups = replicaGroups == null ? List.of()
                : replicaGroups.stream().map(ZeroValues::orEmpty).toList();
    }

    /** A slot never filled: {@code {"id": n}}. */
    public static Slot unfilled(int id) {
        return new Slot(id, false, "", 0, "", 0, FORWARD_SYNC, List.of());
    }

    public Slot withLocked(boolean newLocked) {
        return new Slot(id, newLocked, backendAddr, backendAddrGroupId, migrateFrom, migrateFromGroupId,
                forwardMethod, replicaGroups);
    }
}
