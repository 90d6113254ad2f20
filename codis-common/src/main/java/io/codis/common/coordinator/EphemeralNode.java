package io.codis.common.coordinator;

import java.util.concurrent.CompletableFuture;

/** An ephemeral node created by {@link Coordinator#createEphemeral}. */
public interface EphemeralNode extends AutoCloseable {

    String path();

    /**
     * Completes (once) when the node is changed or removed by anyone, or its session or lease is lost.
     * It does not complete when this handle is closed by its owner.
     */
    CompletableFuture<Void> lost();

    /** Removes the node now; later calls do nothing. */
    @Override
    void close();
}
