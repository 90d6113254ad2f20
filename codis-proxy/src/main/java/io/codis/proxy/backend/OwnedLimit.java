package io.codis.proxy.backend;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * proxy_max_owned_conns: how many backend connections sessions may own at once over the whole proxy
 * (every event loop's {@link OwnedConnections} counts against it). 0 disables owned connections.
 */
public final class OwnedLimit {

    private final int max;
    private final AtomicInteger inUse = new AtomicInteger();

    public OwnedLimit(int max) {
        this.max = Math.max(0, max);
    }

    /** Whether sessions may own connections at all (blocking commands and transactions are served). */
    public boolean isEnabled() {
        return max > 0;
    }

    /** Connections owned now. */
    public int inUse() {
        return inUse.get();
    }

    boolean tryTake() {
        while (true) {
            int n = inUse.get();
            if (n >= max) {
                return false;
            }
            if (inUse.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void give() {
        inUse.decrementAndGet();
    }
}
