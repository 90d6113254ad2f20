package io.codis.admin.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.codis.common.model.Group;
import io.codis.common.model.Proxy;
import io.codis.common.model.SlotMapping;
import java.util.List;

/**
 * A product's whole topology as {@code codis-admin --config-dump} prints it and
 * {@code --config-restore} reads it: {@code {"slots": [...], "group": [...], "proxy": [...]}}, each
 * key left out when empty.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"slots", "group", "proxy"})
public record ConfigV3(
        @JsonProperty("slots") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SlotMapping> slots,
        @JsonProperty("group") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Group> groups,
        @JsonProperty("proxy") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Proxy> proxies) {

    public ConfigV3 {
        slots = slots == null ? List.of() : slots;
        groups = groups == null ? List.of() : groups;
        proxies = proxies == null ? List.of() : proxies;
    }
}
