package io.codis.common.coordinator;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ephemeral nodes and watches a client has open, closed together when the client closes. */
public final class ClosingRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ClosingRegistry.class);

    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();

    public <T extends AutoCloseable> T add(T resource) {
        open.add(resource);
        return resource;
    }

    public void remove(AutoCloseable resource) {
        open.remove(resource);
    }

    /** Closes every registered resource, logging (not throwing) failures. */
    public void closeAll() {
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
