package io.codis.dashboard.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.codis.common.rpc.RemoteError;
import java.util.Map;

/** One sample of a Redis server: INFO fields, or the error, or a timeout (dashboard-api.md "RedisStats"). */
@JsonPropertyOrder({"stats", "error", "unixtime", "timeout"})
public record RedisStats(
        @JsonProperty("stats") @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> stats,
        @JsonProperty("error") @JsonInclude(JsonInclude.Include.NON_NULL) RemoteError error,
        @JsonProperty("unixtime") long unixtime,
        @JsonProperty("timeout") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean timeout) {
}
