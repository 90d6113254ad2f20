package io.codis.proxy.router;

import io.codis.common.config.ProxyConfig;
import io.codis.common.model.Slot;
import java.util.List;

/**
 * The proxy's routing table: 1024 slots, each with its backend (and migration source and replica
 * groups), and whether the proxy is online. The admin API fills and reads it; the data plane routes
 * every request through it.
 */
public final class Router implements AutoCloseable {

    public Router(ProxyConfig config) {
        throw new UnsupportedOperationException("the data plane is not built yet");
    }

    /** Puts the router online: client sessions are accepted from now on. Idempotent. */
    public void start() {
        throw new UnsupportedOperationException("the data plane is not built yet");
    }

    /** Started and not closed. */
    public boolean isOnline() {
        throw new UnsupportedOperationException("the data plane is not built yet");
    }

    public boolean isClosed() {
        throw new UnsupportedOperationException("the data plane is not built yet");
    }

    /**
     * Replaces each given slot in order, as proxy-dataplane.md "Filling a slot" says: blocks the slot,
     * waits for its in-flight requests, swaps the backends, unblocks it unless {@code locked}. Returns
     * when every slot is replaced. Elements before a failing one stay applied.
     *
     * @throws IllegalStateException "use of closed router"
     * @throws IllegalArgumentException "use of invalid slot id", "use of invalid forwarder method"
     */
    public void fillSlots(List<Slot> slots) {
        throw new UnsupportedOperationException("the data plane is not built yet");
    }

    /** The 1024 slots as last filled ({@code {"id": n}} for a slot never filled), with {@code locked} as it is now. */
    public List<Slot> slots() {
        throw new UnsupportedOperationException("the data plane is not built yet");
    }

    /** Closes the router and every backend connection; sessions get "router is not online" from now on. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("the data plane is not built yet");
    }
}
