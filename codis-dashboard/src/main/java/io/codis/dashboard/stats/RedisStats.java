package io.codis.dashboard.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.codis.common.rpc.RemoteError;
import java.util.Map;

/**
 * One sample of a Redis server or sentinel: INFO fields (and for a sentinel the product's masters it
 * monitors), or the error, or a timeout (dashboard-api.md "RedisStats").
 */
@JsonPropertyOrder({"stats", "error", "sentinel", "unixtime", "timeout"})
public record RedisStats(
        @JsonProperty("stats") @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> stats,
        @JsonProperty("error") @JsonInclude(JsonInclude.Include.NON_NULL) RemoteError error,
        @JsonProperty("sentinel") @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> sentinel,
        @JsonProperty("unixtime") long unixtime,
        @JsonProperty("timeout") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean timeout) {

    /** A sample that finished now. */
    public static RedisStats of(Map<String, String> stats, Map<String, Object> sentinel) {
        return new RedisStats(stats, null, sentinel, System.currentTimeMillis() / 1000, false);
    }
}
