package io.codis.common.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The dashboard model, stored at {@code /codis3/{product}/topom} (which is also the product lock). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"token", "start_time", "admin_addr", "product_name", "pid", "pwd", "sys"})
public record Topom(
        @JsonProperty("token") String token,
        @JsonProperty("start_time") String startTime,
        @JsonProperty("admin_addr") String adminAddr,
        @JsonProperty("product_name") String productName,
        @JsonProperty("pid") int pid,
        @JsonProperty("pwd") String pwd,
        @JsonProperty("sys") String sys) {

    public Topom {
        token = ZeroValues.orEmpty(token);
        startTime = ZeroValues.orEmpty(startTime);
        adminAddr = ZeroValues.orEmpty(adminAddr);
        productName = ZeroValues.orEmpty(productName);
        pwd = ZeroValues.orEmpty(pwd);
        sys = ZeroValues.orEmpty(sys);
    }
}
