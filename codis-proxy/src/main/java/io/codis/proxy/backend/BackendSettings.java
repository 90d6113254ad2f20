package io.codis.proxy.backend;

import io.codis.common.config.ProxyConfig;

/**
 * The proxy.toml keys backend connections obey, in the units the hot path uses, and the RESP
 * {@code protocol} they speak (2, or 3 for the connections of RESP3 sessions).
 */
public record BackendSettings(String productAuth, long recvTimeoutNanos, long sendTimeoutNanos, long pingPeriodNanos,
        int maxPipeline, int primaryParallel, int replicaParallel, int numberDatabases, int recvBufsize,
        int sendBufsize, long keepAliveSeconds, int protocol) {

    public static BackendSettings of(ProxyConfig config) {
        long ping = config.backendPingPeriod().toNanos();
        if (ping > 0 && ping < 1_000_000_000L) {
            ping = 1_000_000_000L;
        }
        return new BackendSettings(config.productAuth(), config.backendRecvTimeout().toNanos(),
                config.backendSendTimeout().toNanos(), ping, Math.max(1, config.backendMaxPipeline()),
                Math.max(1, config.backendPrimaryParallel()), Math.max(1, config.backendReplicaParallel()),
                Math.max(1, config.backendNumberDatabases()), clampInt(config.backendRecvBufsize()),
                clampInt(config.backendSendBufsize()), config.backendKeepAlivePeriod().toSeconds(), 2);
    }

    /**
     * The settings of a connection a session owns ({@link OwnedConnections}): no receive timeout (a
     * blocked call waits as long as its own timeout says) and no keepalive PING (it would be queued
     * in the owner's transaction).
     */
    BackendSettings forOwnedConnections() {
        return new BackendSettings(productAuth, 0, sendTimeoutNanos, 0, maxPipeline, 1, 1, numberDatabases,
                recvBufsize, sendBufsize, keepAliveSeconds, protocol);
    }

    /** These settings for connections that speak RESP3 ({@code HELLO 3} in their handshake), for RESP3 sessions. */
    BackendSettings forResp3() {
        return new BackendSettings(productAuth, recvTimeoutNanos, sendTimeoutNanos, pingPeriodNanos, maxPipeline,
                primaryParallel, replicaParallel, numberDatabases, recvBufsize, sendBufsize, keepAliveSeconds, 3);
    }

    private static int clampInt(long value) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, value));
    }
}
