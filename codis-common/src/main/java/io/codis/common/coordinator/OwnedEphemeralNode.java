package io.codis.common.coordinator;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link EphemeralNode} handle every backend returns: the backend calls {@link #markLost()} when
 * it sees the node changed, removed or its session gone; closing marks it closed first (so the
 * owner's own removal is not reported as a loss), then runs the backend's release action once.
 */
public final class OwnedEphemeralNode implements EphemeralNode {
    private final String path;
    private final CompletableFuture<Void> lost = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Runnable release = () -> {
    };

    public OwnedEphemeralNode(String path) {
        this.path = path;
    }

    /** What {@link #close()} does once: typically stop refreshing and remove the node. */
    public void onRelease(Runnable release) {
        this.release = release;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public CompletableFuture<Void> lost() {
        return lost;
    }

    /** Reports the node as lost unless its owner already closed it. */
    public void markLost() {
        if (!closed.get()) {
            lost.complete(null);
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }

    @Override
    public String toString() {
        return "ephemeral " + path;
    }
}
