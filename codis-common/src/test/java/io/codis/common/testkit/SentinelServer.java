package io.codis.common.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real redis-sentinel (Debian's) on a free loopback port, with a writable config file in its own
 * temp dir and no masters monitored: the dashboard tells it what to monitor, as in production.
 */
public final class SentinelServer implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private final int port;
    private final Path dir;
    private final ExternalProcess process;

    private SentinelServer() {
        this.port = FreePorts.next();
        this.dir = TempDirs.create("sentinel-" + port + "-");
        Path config = dir.resolve("sentinel.conf");
        try {
            Files.writeString(config, String.join("\n",
                    "port " + port,
                    "bind 127.0.0.1",
                    "protected-mode no",
                    "daemonize no",
                    "dir " + dir,
                    "sentinel resolve-hostnames no",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.process = ExternalProcess.start("redis-sentinel:" + port, List.of("redis-sentinel", config.toString()),
                dir, dir.resolve("sentinel.log"));
        awaitReady();
    }

    public static SentinelServer start() {
        return new SentinelServer();
    }

    public int port() {
        return port;
    }

    public String addr() {
        return "127.0.0.1:" + port;
    }

    public void stop() {
        process.stop();
    }

    /** SIGSTOP: the sentinel accepts connections but answers nothing until {@link #thaw()}. */
    public void freeze() {
        process.freeze();
    }

    /** SIGCONT after {@link #freeze()}. */
    public void thaw() {
        process.thaw();
    }

    public void restart() {
        process.restart(dir);
        awaitReady();
    }

    @Override
    public void close() {
        process.close();
        TempDirs.delete(dir);
    }

    @Override
    public String toString() {
        return "redis-sentinel " + addr();
    }

    private void awaitReady() {
        process.awaitReady(() -> "+PONG".equals(RespProbe.firstLine(port, null, "PING")), READY_TIMEOUT);
    }
}
