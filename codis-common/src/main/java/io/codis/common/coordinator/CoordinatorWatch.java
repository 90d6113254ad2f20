package io.codis.common.coordinator;

/** A subtree watch started by {@link Coordinator#watch}; closing it stops the notifications. */
public interface CoordinatorWatch extends AutoCloseable {
    @Override
    void close();
}
