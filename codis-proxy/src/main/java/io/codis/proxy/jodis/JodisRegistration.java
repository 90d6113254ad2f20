package io.codis.proxy.jodis;

import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.EphemeralNode;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.JodisNode;
import io.codis.common.model.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's ephemeral node for Jodis clients (proxy-dataplane.md "Jodis registration"): created
 * when the proxy goes online, created again whenever it vanishes or changes (retrying after 1, 2,
 * 4 ... 30 s when creating fails), deleted on close together with the coordinator client.
 */
public final class JodisRegistration implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JodisRegistration.class);
    private static final Duration MIN_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final Coordinator coordinator;
    private final String path;
    private final byte[] data;
    private final Duration minDelay;
    private final CountDownLatch closed = new CountDownLatch(1);
    private Thread keeper;
    private volatile EphemeralNode node;

    /** Registers {@code proxy} at its {@code jodis_path} through {@code coordinator}, which this object then owns. */
    public JodisRegistration(Coordinator coordinator, Proxy proxy) {
        this(coordinator, proxy, MIN_DELAY);
    }

    JodisRegistration(Coordinator coordinator, Proxy proxy, Duration minDelay) {
        this.coordinator = coordinator;
        this.path = proxy.jodisPath();
        this.data = JsonCodec.prettyBytes(JodisNode.online(proxy));
        this.minDelay = minDelay;
    }

    public String path() {
        return path;
    }

    /** Starts keeping the node; idempotent. */
    public synchronized void start() {
        if (keeper != null || closed.getCount() == 0) {
            return;
        }
        keeper = new Thread(this::keep, "jodis-keeper");
        keeper.setDaemon(true);
        keeper.start();
    }

    private void keep() {
        long delayMillis = minDelay.toMillis();
        try {
            while (closed.getCount() > 0) {
                EphemeralNode created;
                try {
                    created = coordinator.createEphemeral(path, data);
                } catch (RuntimeException e) {
                    LOG.warn("jodis create node {} failed: {}", path, e.getMessage());
                    if (closed.await(delayMillis, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                    delayMillis = Math.min(delayMillis * 2, MAX_DELAY.toMillis());
                    continue;
                }
                node = created;
                delayMillis = minDelay.toMillis();
                LOG.warn("jodis create node {}", path);
                if (awaitLostOrClosed(created.lost())) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True when closed; false when the node was lost and must be created again. */
    private boolean awaitLostOrClosed(CompletableFuture<Void> lost) throws InterruptedException {
        while (true) {
            try {
                lost.get(200, TimeUnit.MILLISECONDS);
                return closed.getCount() == 0;
            } catch (java.util.concurrent.TimeoutException e) {
                if (closed.getCount() == 0) {
                    return true;
                }
            } catch (ExecutionException e) {
                return closed.getCount() == 0;
            }
        }
    }

    /** Deletes the node and closes the coordinator client. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed.getCount() == 0) {
                return;
            }
            closed.countDown();
        }
        try {
            if (keeper != null) {
                keeper.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            EphemeralNode current = node;
            if (current != null) {
                current.close();
            }
            coordinator.delete(path);
            LOG.warn("jodis remove node {}", path);
        } catch (RuntimeException e) {
            LOG.warn("jodis remove node {} failed: {}", path, e.getMessage());
        } finally {
            coordinator.close();
        }
    }
}
