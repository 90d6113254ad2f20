package io.codis.common.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * A real redis-server (Debian's) on a free loopback port in its own temp dir; no persistence unless
 * asked. Closing it stops the server and removes the dir.
 */
public final class RedisServer implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private final int port;
    private final String password;
    private final Path dir;
    private final ExternalProcess process;

    private RedisServer(Builder builder) {
        this.port = FreePorts.next();
        this.password = builder.password;
        this.dir = TempDirs.create("redis-" + port + "-");
        List<String> command = new ArrayList<>(List.of(builder.binary, "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--daemonize", "no", "--protected-mode", "no",
                "--dbfilename", "dump.rdb", "--appendonly", builder.persistence ? "yes" : "no"));
        if (!builder.persistence) {
            command.addAll(List.of("--save", ""));
        }
        if (password != null) {
            command.addAll(List.of("--requirepass", password, "--masterauth", password));
        }
        command.addAll(builder.extraArgs);
        this.process = ExternalProcess.start("redis-server:" + port, command, dir, dir.resolve("redis.log"));
        awaitReady();
    }

    public static RedisServer start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return port;
    }

    /** "127.0.0.1:port", as Codis names servers. */
    public String addr() {
        return "127.0.0.1:" + port;
    }

    public String password() {
        return password;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the server with SIGTERM, keeping its port and dir for {@link #restart()}. */
    public void stop() {
        process.stop();
    }

    /** Kills the server with SIGKILL, as in a crash. */
    public void kill() {
        process.kill();
    }

    /** SIGSTOP: the server accepts connections but answers nothing until {@link #thaw()}. */
    public void freeze() {
        process.freeze();
    }

    /** SIGCONT after {@link #freeze()}: the server answers what it was sent meanwhile. */
    public void thaw() {
        process.thaw();
    }

    /**
     * Waits up to {@code timeout} until every write this server has acknowledged so far, on any
     * connection, is on at least {@code replicas} of its replicas; returns how many replicas have it.
     * {@code WAIT} alone only counts the calling connection's own writes, so the test writes a key of
     * its own first and waits for that: replication is one ordered stream, so a replica that acknowledged
     * the test's later offset has every write before it.
     */
    public long awaitReplicated(int replicas, Duration timeout) {
        try (Jedis master = new Jedis("127.0.0.1", port)) {
            if (password != null) {
                master.auth(password);
            }
            master.set("testkit:replicated-marker", Long.toString(System.nanoTime()));
            return master.waitReplicas(replicas, timeout.toMillis());
        }
    }

    /** Starts the stopped server again on the same port and dir, and waits until it answers. */
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
        return "redis-server " + addr();
    }

    private void awaitReady() {
        process.awaitReady(() -> "+PONG".equals(RespProbe.firstLine(port, password, "PING")), READY_TIMEOUT);
    }

    /** Options of a server to start. */
    public static final class Builder {
        private String binary = "redis-server";
        private String password;
        private boolean persistence;
        private final List<String> extraArgs = new ArrayList<>();

        private Builder() {
        }

        /** requirepass and masterauth, as for a product with product_auth. */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** Keeps RDB snapshots and the AOF in the server's dir (off by default). */
        public Builder persistence(boolean persistence) {
            this.persistence = persistence;
            return this;
        }

        /** More redis-server arguments, e.g. ("--maxmemory", "10mb"). */
        public Builder args(String... args) {
            extraArgs.addAll(List.of(args));
            return this;
        }

        Builder binary(String binary) {
            this.binary = binary;
            return this;
        }

        public RedisServer start() {
            return new RedisServer(this);
        }
    }
}
