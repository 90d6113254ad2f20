package io.codis.common.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The product's Redis sentinels, stored at {@code /codis3/{product}/sentinel} and sent to proxies
 * in {@code PUT /api/proxy/sentinels}. A missing node reads as {@link #NONE}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"servers", "out_of_sync"})
public record Sentinel(
        @JsonProperty("servers") @JsonInclude(JsonInclude.Include.NON_DEFAULT) List<String> servers,
        @JsonProperty("out_of_sync") boolean outOfSync) {

    public static final Sentinel NONE = new Sentinel(List.of(), false);

    public Sentinel {
        servers = ZeroValues.orEmpty(servers);
    }

    public Sentinel withServers(List<String> newServers) {
        return new Sentinel(newServers, outOfSync);
    }

    public Sentinel withOutOfSync(boolean newOutOfSync) {
        return new Sentinel(servers, newOutOfSync);
    }
}
