package io.codis.common.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * A real ZooKeeper server, in-process (curator-test's {@link TestingServer}), on a free loopback port
 * with a short tick (500 ms: sessions of 1 to 10 s are allowed), in its own temp dir. It can be stopped
 * and restarted on the same port for "server down" tests; closing it removes the dir.
 */
public final class ZookeeperServer implements AutoCloseable {
    private static final int TICK_MILLIS = 500;

    private final Path dir;
    private final TestingServer server;

    private ZookeeperServer() {
        int port = FreePorts.next();
        this.dir = TempDirs.create("zookeeper-" + port + "-");
        InstanceSpec spec = new InstanceSpec(dir.toFile(), port, FreePorts.next(), FreePorts.next(), false, 1,
                TICK_MILLIS, 0, Map.of("admin.enableServer", "false"), "127.0.0.1");
        try {
            this.server = new TestingServer(spec, true);
        } catch (Exception e) {
            TempDirs.delete(dir);
            throw new IllegalStateException("cannot start ZooKeeper on port " + port + ": " + e, e);
        }
    }

    public static ZookeeperServer start() {
        return new ZookeeperServer();
    }

    public int port() {
        return server.getPort();
    }

    /** "127.0.0.1:port", as an operator writes coordinator_addr. */
    public String addr() {
        return "127.0.0.1:" + server.getPort();
    }

    /** Stops the server, keeping its port and data for {@link #restart()}. */
    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the stopped server again on the same port with the same data. */
    public void restart() {
        try {
            server.restart();
        } catch (Exception e) {
            throw new IllegalStateException("cannot restart ZooKeeper on port " + port() + ": " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TempDirs.delete(dir);
        }
    }

    @Override
    public String toString() {
        return "zookeeper " + addr();
    }
}
