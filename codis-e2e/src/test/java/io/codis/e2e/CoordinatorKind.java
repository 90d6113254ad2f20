package io.codis.e2e;

import io.codis.common.testkit.EtcdServer;
import io.codis.common.testkit.ZookeeperServer;
import java.nio.file.Path;

/** The three stores a product's topology can live in, by their {@code coordinator_name}, each really started. */
enum CoordinatorKind {
    FILESYSTEM("filesystem"),
    ZOOKEEPER("zookeeper"),
    /** The v2 keys API, which {@code coordinator_name = "etcd"} speaks as Codis 3.2 does. */
    ETCD("etcd");

    private final String configName;

    CoordinatorKind(String configName) {
        this.configName = configName;
    }

    /** {@code coordinator_name} in dashboard.toml. */
    String configName() {
        return configName;
    }

    /** A running store: a directory under {@code dir}, an in-process ZooKeeper or an etcd process. */
    Running start(Path dir) {
        return switch (this) {
            case FILESYSTEM -> new Running(this, dir.resolve("coordinator").toString(), () -> { });
            case ZOOKEEPER -> {
                ZookeeperServer server = ZookeeperServer.start();
                yield new Running(this, server.addr(), server::close);
            }
            case ETCD -> {
                EtcdServer server = EtcdServer.builder().enableV2().start();
                yield new Running(this, server.addr(), server::close);
            }
        };
    }

    /** A started store: {@code coordinator_addr} and how to stop it. */
    record Running(CoordinatorKind kind, String addr, Runnable stop) implements AutoCloseable {
        @Override
        public void close() {
            stop.run();
        }
    }
}
