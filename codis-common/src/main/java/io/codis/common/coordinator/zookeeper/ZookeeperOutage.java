package io.codis.common.coordinator.zookeeper;

import java.util.Locale;
import org.apache.curator.framework.state.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a time the ensemble could not be reached, once: a WARN when the connection is lost, DEBUG
 * for what follows while it stays lost (ZooKeeper's own line for every reconnect attempt is logged only
 * at DEBUG, see {@code Logs}), and an INFO line with how long it lasted when it is back.
 */
final class ZookeeperOutage {
    private static final Logger LOG = LoggerFactory.getLogger(ZookeeperCoordinator.class);

    private final String addr;
    /** When the connection was lost, 0 while connected. */
    private long lostAtNanos;

    ZookeeperOutage(String addr) {
        this.addr = addr;
    }

    synchronized void changed(ConnectionState state) {
        if (state.isConnected()) {
            if (lostAtNanos != 0) {
                LOG.info("zkclient - zookeeper {} is reachable again after {} s ({})", addr,
                        String.format(Locale.ROOT, "%.1f", (System.nanoTime() - lostAtNanos) / 1e9), state);
                lostAtNanos = 0;
            }
        } else if (lostAtNanos == 0) {
            lostAtNanos = System.nanoTime();
            LOG.warn("zkclient - zookeeper {} is unreachable ({}); reconnecting, logged at DEBUG until it is back", addr, state);
        } else {
            LOG.debug("zkclient - zookeeper {} is still unreachable ({})", addr, state);
        }
    }
}
