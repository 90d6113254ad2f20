package io.codis.admin.port;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Applies the source's replication stream through the proxy, pipelined: every write in the DB the
 * stream selected. The stream's own framing ({@code PING}, {@code REPLCONF}, {@code MULTI}/{@code EXEC}:
 * the commands inside go one by one, the proxy has no transactions) is dropped; what cannot be
 * applied key by key through a proxy (flushes, {@code SWAPDB}, {@code MOVE}, pub/sub) is counted and
 * reported; {@code FUNCTION} and {@code SCRIPT} go through it to every group's master. Thread-safe: the stream thread sends, a timer flushes.
 */
final class StreamWriter implements AutoCloseable {
    static final int BATCH = 256;
    private static final Set<String> FRAMING = Set.of("PING", "REPLCONF", "MULTI", "EXEC", "SELECT");
    private static final Set<String> NOT_THROUGH_A_PROXY = Set.of("FLUSHALL", "FLUSHDB", "SWAPDB", "MOVE",
            "PUBLISH", "SPUBLISH");

    private static final byte[] RESTORE = "RESTORE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REPLACE = "REPLACE".getBytes(StandardCharsets.US_ASCII);

    private final RedisLink proxy;
    private final ImportProgress progress;
    private final Pace pace;

    StreamWriter(RedisLink proxy, ImportProgress progress, Pace pace) {
        this.proxy = proxy;
        this.progress = progress;
        this.pace = pace;
    }

    /** Applies {@code command args} of source DB {@code db} (which the caller checked is copied). */
    void apply(int db, byte[] command, byte[][] args) {
        String name = new String(command, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
        if (FRAMING.contains(name)) {
            return;
        }
        if (NOT_THROUGH_A_PROXY.contains(name)) {
            progress.skipped(name + " cannot go through a proxy");
            return;
        }
        pace.acquire();
        synchronized (this) {
            proxy.select(db);
            ProtocolCommand raw = () -> command;
            proxy.send(name, new CommandArguments(raw).addObjects((Object[]) args));
            if (proxy.pending() >= BATCH) {
                flush();
            }
        }
    }

    /**
     * Restores the snapshot's function libraries through the proxy, which sends them to every group's
     * master; a library the cluster has already is kept and reported, unless {@code replace}.
     */
    synchronized void restoreFunctions(byte[] payload, boolean replace) {
        flush();
        byte[][] args = replace ? new byte[][] {RESTORE, payload, REPLACE} : new byte[][] {RESTORE, payload};
        proxy.send("FUNCTION RESTORE", Protocol.Command.FUNCTION, args);
        for (RedisLink.Reply reply : proxy.flush()) {
            if (reply.value() instanceof JedisDataException error) {
                if (error.getMessage().contains("already exists")) {
                    progress.functionsKept(error.getMessage());
                } else {
                    progress.failed("FUNCTION RESTORE through the proxy: " + error.getMessage());
                }
            } else if (reply.tag() != null) {
                progress.functions.incrementAndGet();
            }
        }
    }

    synchronized void flush() {
        for (RedisLink.Reply reply : proxy.flush()) {
            if (reply.value() instanceof JedisDataException error) {
                progress.failed((reply.tag() == null ? "SELECT" : reply.tag()) + " through the proxy: " + error.getMessage());
            } else if (reply.tag() != null) {
                progress.applied.incrementAndGet();
            }
        }
    }

    @Override
    public synchronized void close() {
        proxy.close();
    }
}
