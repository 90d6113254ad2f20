package io.codis.dashboard.migrate;

/**
 * Called by a pass before each batch or big key it moves, on the pass's thread: where the slot-action
 * loop sleeps its {@code interval} and waits while actions are disabled or the target is being
 * promoted. An exception thrown here ends the pass and leaves {@link SourcePass#run}.
 */
@FunctionalInterface
public interface BatchPacer {
    BatchPacer NONE = target -> { };

    /** @param target the server the next batch goes to */
    void beforeBatch(String target);
}
