package io.codis.admin.store;

import io.codis.common.coordinator.CodisPaths;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.CoordinatorException;
import io.codis.common.coordinator.NoNodeException;
import io.codis.common.json.JsonCodec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A product's Codis 1.x/2.x tree ({@code /zk/codis/db_{product}}) as {@code --config-dump -1}
 * prints it: a node with children is an object keyed by child name (sorted, as Go prints a map), a
 * leaf is its content decoded as JSON, {@code null} when empty.
 */
final class Codis2Tree {
    private final Coordinator coordinator;

    Codis2Tree(Coordinator coordinator) {
        this.coordinator = coordinator;
    }

    /** The product's tree; null when it has none. */
    Object of(String product) {
        return node(CodisPaths.codis2Product(product));
    }

    private Object node(String path) {
        List<String> children = childrenOf(path);
        if (!children.isEmpty()) {
            Map<String, Object> directory = new TreeMap<>();
            for (String child : children) {
                directory.put(child.substring(child.lastIndexOf('/') + 1), node(child));
            }
            return directory;
        }
        byte[] data = coordinator.read(path).orElse(new byte[0]);
        return data.length == 0 ? null : JsonCodec.read(data, Object.class);
    }

    /** Children, none for a leaf: etcd and the filesystem refuse to list a leaf, ZooKeeper lists nothing. */
    private List<String> childrenOf(String path) {
        try {
            return coordinator.list(path);
        } catch (NoNodeException e) {
            return List.of();
        } catch (CoordinatorException notADirectory) {
            if (coordinator.read(path).isPresent()) {
                return List.of();
            }
            throw notADirectory;
        }
    }
}
