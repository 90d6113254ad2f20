package io.codis.common.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a proxy writes at its Jodis path for Jodis clients: all strings, keys sorted, {@code state}
 * always {@code "online"}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder(alphabetic = true)
public record JodisNode(
        @JsonProperty("addr") String addr,
        @JsonProperty("admin") String admin,
        @JsonProperty("start") String start,
        @JsonProperty("state") String state,
        @JsonProperty("token") String token) {

    public static final String ONLINE = "online";

    public JodisNode {
        addr = ZeroValues.orEmpty(addr);
        admin = ZeroValues.orEmpty(admin);
        start = ZeroValues.orEmpty(start);
        state = ZeroValues.orEmpty(state);
        token = ZeroValues.orEmpty(token);
    }

    /** The node of a proxy: {@code addr} = proxy_addr, {@code admin} = admin_addr, {@code start} = start_time. */
    public static JodisNode online(Proxy proxy) {
        return new JodisNode(proxy.proxyAddr(), proxy.adminAddr(), proxy.startTime(), ONLINE, proxy.token());
    }
}
