package io.codis.common.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A proxy as it describes itself ({@code GET /api/proxy/model}, {@code id} 0 and therefore absent)
 * and as the dashboard stores it at {@code /codis3/{product}/proxy/proxy-{token}} (with its id).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"id", "token", "start_time", "admin_addr", "proto_type", "proxy_addr", "jodis_path",
        "product_name", "pid", "pwd", "sys", "hostname", "datacenter"})
public record Proxy(
        @JsonProperty("id") @JsonInclude(JsonInclude.Include.NON_DEFAULT) int id,
        @JsonProperty("token") String token,
        @JsonProperty("start_time") String startTime,
        @JsonProperty("admin_addr") String adminAddr,
        @JsonProperty("proto_type") String protoType,
        @JsonProperty("proxy_addr") String proxyAddr,
        @JsonProperty("jodis_path") @JsonInclude(JsonInclude.Include.NON_DEFAULT) String jodisPath,
        @JsonProperty("product_name") String productName,
        @JsonProperty("pid") int pid,
        @JsonProperty("pwd") String pwd,
        @JsonProperty("sys") String sys,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("datacenter") String datacenter) {

    public Proxy {
        token = ZeroValues.orEmpty(token);
        startTime = ZeroValues.orEmpty(startTime);
        adminAddr = ZeroValues.orEmpty(adminAddr);
        protoType = ZeroValues.orEmpty(protoType);
        proxyAddr = ZeroValues.orEmpty(proxyAddr);
        jodisPath = ZeroValues.orEmpty(jodisPath);
        productName = ZeroValues.orEmpty(productName);
        pwd = ZeroValues.orEmpty(pwd);
        sys = ZeroValues.orEmpty(sys);
        hostname = ZeroValues.orEmpty(hostname);
        datacenter = ZeroValues.orEmpty(datacenter);
    }

    /** This proxy with the id the dashboard assigned. */
    public Proxy withId(int newId) {
        return new Proxy(newId, token, startTime, adminAddr, protoType, proxyAddr, jodisPath, productName,
                pid, pwd, sys, hostname, datacenter);
    }
}
