package io.codis.proxy.metrics;

/** One report of the proxy's figures to a metrics server. */
@FunctionalInterface
public interface MetricsReport {
    void send() throws Exception;
}
