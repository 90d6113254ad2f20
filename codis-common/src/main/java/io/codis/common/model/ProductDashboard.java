package io.codis.common.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One entry of a dashboard list ({@code codis-admin --dashboard-list}, the {@code codis.json} that
 * {@code codis-fe --dashboard-list} reads): a product and its dashboard's admin address, {@code ""}
 * when the product has no dashboard running.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"name", "dashboard"})
public record ProductDashboard(
        @JsonProperty("name") String name,
        @JsonProperty("dashboard") String dashboard) {

    public ProductDashboard {
        name = ZeroValues.orEmpty(name);
        dashboard = ZeroValues.orEmpty(dashboard);
    }
}
