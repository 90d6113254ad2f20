package io.codis.common.coordinator;

import java.util.List;
import java.util.Optional;

/**
 * A client of the store that holds a product's topology: ZooKeeper, etcd (v2 or v3 API) or a plain
 * directory. Paths are absolute, slash-separated ("/codis3/demo/topom"); see {@link CodisPaths}.
 * Every operation either succeeds or throws a {@link CoordinatorException} with a message an
 * operator can act on; none blocks longer than the client's timeout.
 */
public interface Coordinator extends AutoCloseable {

    /** Creates a persistent node, and any missing parents; fails with {@link NodeExistsException} if present. */
    void create(String path, byte[] data);

    /** Creates or overwrites a persistent node, and any missing parents. */
    void update(String path, byte[] data);

    /** Removes a node; removing an absent node is not an error. */
    void delete(String path);

    /** The node's data, or empty when the node does not exist. */
    Optional<byte[]> read(String path);

    /** The node's data; fails with {@link NoNodeException} when it does not exist. */
    default byte[] readExisting(String path) {
        return read(path).orElseThrow(() -> new NoNodeException(path));
    }

    /** Full paths ("parent/child") of the node's children, or empty when the node does not exist. */
    Optional<List<String>> children(String path);

    /** Full paths ("parent/child") of the node's children; empty when the node does not exist. */
    default List<String> list(String path) {
        return children(path).orElse(List.of());
    }

    /** Full paths of the node's children; fails with {@link NoNodeException} when the node does not exist. */
    default List<String> listExisting(String path) {
        return children(path).orElseThrow(() -> new NoNodeException(path));
    }

    /**
     * Creates a node that lives as long as this client (and, on ZooKeeper and etcd, its session or lease);
     * fails with {@link NodeExistsException} if present. The returned handle reports when the node
     * changes or vanishes, so that its owner can create it again.
     */
    EphemeralNode createEphemeral(String path, byte[] data);

    /**
     * Calls {@code listener} with the path of every node created, changed or removed at or below
     * {@code path}, until the returned watch is closed. Events may be coalesced but never lost:
     * after a change the listener is called at least once with a path at or below {@code path}.
     */
    CoordinatorWatch watch(String path, CoordinatorListener listener);

    /** Releases every ephemeral node and watch of this client, then the connection. Idempotent. */
    @Override
    void close();
}
