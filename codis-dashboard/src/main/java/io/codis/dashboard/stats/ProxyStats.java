package io.codis.dashboard.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.rpc.RemoteError;

/** One sample of a proxy's {@code /api/proxy/stats} (dashboard-api.md "ProxyStats"). */
@JsonPropertyOrder({"stats", "error", "unixtime", "timeout"})
public record ProxyStats(
        @JsonProperty("stats") @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode stats,
        @JsonProperty("error") @JsonInclude(JsonInclude.Include.NON_NULL) RemoteError error,
        @JsonProperty("unixtime") long unixtime,
        @JsonProperty("timeout") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean timeout) {
}
