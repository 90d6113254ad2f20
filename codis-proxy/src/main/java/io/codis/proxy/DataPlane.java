package io.codis.proxy;

import io.codis.common.config.ProxyConfig;
import io.codis.proxy.router.Router;
import io.codis.proxy.stats.TrafficStats;

/**
 * The Redis side of the proxy: the client listener on {@code proxy_addr}, the sessions, the backend
 * connections and the routing table. The admin API and the process drive it through this class.
 */
public final class DataPlane implements AutoCloseable {

    public DataPlane(ProxyConfig config) {
        throw new UnsupportedOperationException("the data plane is not built yet");
    }

    /**
     * Binds {@code proxy_addr} with {@code proto_type} (tcp, tcp4, tcp6, unix); from then on clients are
     * accepted and told "router is not online" until {@link Router#start()}.
     *
     * @throws java.io.UncheckedIOException when the address cannot be bound
     */
    public void listen() {
        throw new UnsupportedOperationException("the data plane is not built yet");
    }

    /**
     * The listener's address as the OS reports it, which the proxy token is computed from:
     * "0.0.0.0:19000" for tcp4 on 0.0.0.0, "[::]:19000" for tcp on 0.0.0.0, the path for unix.
     */
    public String listenAddress() {
        throw new UnsupportedOperationException("the data plane is not built yet");
    }

    public Router router() {
        throw new UnsupportedOperationException("the data plane is not built yet");
    }

    public TrafficStats stats() {
        throw new UnsupportedOperationException("the data plane is not built yet");
    }

    /** Stops accepting, answers what is in flight, closes every session and backend connection. Idempotent. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("the data plane is not built yet");
    }
}
