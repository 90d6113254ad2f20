package io.codis.common.coordinator;

import io.codis.common.coordinator.etcd.EtcdV2Coordinator;
import io.codis.common.coordinator.etcd.EtcdV3Coordinator;
import io.codis.common.coordinator.fs.FilesystemCoordinator;
import io.codis.common.coordinator.zookeeper.ZookeeperCoordinator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Opens a coordinator client by the names Codis accepts: zk, zookeeper, etcd, fs, filesystem, and etcdv3. */
public final class Coordinators {
    private Coordinators() {
    }

    /**
     * @param name    the backend: {@code zk}/{@code zookeeper}, {@code etcd} (v2 API, as Codis 3.2),
     *                {@code etcdv3}, {@code fs}/{@code filesystem}
     * @param addr    comma-separated servers, or the root directory for the filesystem
     * @param auth    "user:password", or empty/null for none; ignored (not even checked) by the filesystem, as in the original
     * @param timeout session / operation timeout; 5 s when null or not positive
     */
    public static Coordinator open(String name, String addr, String auth, Duration timeout) {
        String backend = name == null ? "" : name.trim();
        return switch (backend) {
            case "zk", "zookeeper" -> new ZookeeperCoordinator(addr, CoordinatorAuth.parse(auth), timeout);
            case "etcd" -> new EtcdV2Coordinator(addr, CoordinatorAuth.parse(auth), timeout);
            case "etcdv3" -> new EtcdV3Coordinator(addr, CoordinatorAuth.parse(auth), timeout);
            case "fs", "filesystem" -> new FilesystemCoordinator(Path.of(Optional.ofNullable(addr).orElse("")));
            default -> throw new CoordinatorException("invalid coordinator name = " + name);
        };
    }
}
