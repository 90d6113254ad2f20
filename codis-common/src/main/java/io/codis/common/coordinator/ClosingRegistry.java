package io.codis.common.coordinator;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ephemeral nodes and watches a client has open, closed together when the client closes, and
 * whether it has.
 */
public final class ClosingRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ClosingRegistry.class);

    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Whether {@link #closeOnce} ran. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * The client's close: closes every registered resource, then runs {@code release} (the client's own
     * connection or threads); later calls do nothing.
     */
    public synchronized void closeOnce(Runnable release) {
        if (closed) {
            return;
        }
        closeAll();
        closed = true;
        release.run();
    }

    public <T extends AutoCloseable> T add(T resource) {
        open.add(resource);
        return resource;
    }

    public void remove(AutoCloseable resource) {
        open.remove(resource);
    }

    /** Closes every registered resource, logging (not throwing) failures. */
    private void closeAll() {
        for (AutoCloseable resource : List.copyOf(open)) {
            open.remove(resource);
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resource, e.toString());
            }
        }
    }
}
