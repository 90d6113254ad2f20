package io.codis.admin.port;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Applies the source's replication stream through the proxy, pipelined: every write in the DB the
 * stream selected. The stream's own framing ({@code PING}, {@code REPLCONF}, {@code MULTI}/{@code EXEC}:
 * the commands inside go one by one, the proxy has no transactions) is dropped; what cannot be
 * applied key by key through a proxy (flushes, {@code SWAPDB}, {@code MOVE}, pub/sub, functions and
 * scripts) is counted and reported. Thread-safe: the stream thread sends, a timer flushes.
 */
final class StreamWriter implements AutoCloseable {
    static final int BATCH = 256;
    private static final Set<String> FRAMING = Set.of("PING", "REPLCONF", "MULTI", "EXEC", "SELECT");
    private static final Set<String> NOT_THROUGH_A_PROXY = Set.of("FLUSHALL", "FLUSHDB", "SWAPDB", "MOVE",
            "PUBLISH", "SPUBLISH", "FUNCTION", "SCRIPT");

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
