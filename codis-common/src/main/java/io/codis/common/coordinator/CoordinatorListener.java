package io.codis.common.coordinator;

/** Told the path of each node that was created, changed or removed under a watched path. */
@FunctionalInterface
public interface CoordinatorListener {
    void changed(String path);
}
