package io.codis.admin.port;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Restores the snapshot's keys from their DUMP payloads on the master of each key's slot, pipelined
 * per master: {@code RESTORE key ttl payload [ABSTTL] [REPLACE]}. A key the cluster has already is
 * counted (BUSYKEY) and left as it is unless replacing. Not thread-safe.
 */
final class SnapshotWriter implements AutoCloseable {
    static final int BATCH = 512;
    private static final byte[] NO_TTL = "0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ABSTTL = "ABSTTL".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] REPLACE = "REPLACE".getBytes(StandardCharsets.US_ASCII);

    private final ClusterView cluster;
    private final String auth;
    private final ImportProgress progress;
    private final Pace pace;
    private final Map<Address, RedisLink> links = new HashMap<>();
    private final Set<ByteBuffer> busyKeys = new HashSet<>();

    SnapshotWriter(ClusterView cluster, String auth, ImportProgress progress, Pace pace) {
        this.cluster = cluster;
        this.auth = auth;
        this.progress = progress;
        this.pace = pace;
    }

    /**
     * Restores {@code key}; {@code replace} overwrites what the cluster has, except a key found busy
     * before (a later full resync overwrites the keys it copied, never the cluster's own).
     */
    void restore(int db, byte[] key, Long expireAtMs, byte[] payload, boolean replace) {
        if (replace && busyKeys.contains(ByteBuffer.wrap(key))) {
            return;
        }
        pace.acquire();
        RedisLink link = links.computeIfAbsent(cluster.masterOf(key), addr -> new RedisLink(addr, auth));
        link.select(db);
        byte[] ttl = expireAtMs == null ? NO_TTL : String.valueOf(expireAtMs).getBytes(StandardCharsets.US_ASCII);
        byte[][] args = expireAtMs == null
                ? replace ? new byte[][] {key, ttl, payload, REPLACE} : new byte[][] {key, ttl, payload}
                : replace ? new byte[][] {key, ttl, payload, ABSTTL, REPLACE} : new byte[][] {key, ttl, payload, ABSTTL};
        link.send(key, Protocol.Command.RESTORE, args);
        if (link.pending() >= BATCH) {
            flush(link);
        }
    }

    void flushAll() {
        links.values().forEach(this::flush);
    }

    private void flush(RedisLink link) {
        for (RedisLink.Reply reply : link.flush()) {
            if (!(reply.value() instanceof JedisDataException error)) {
                if (reply.tag() != null) {
                    progress.loaded.incrementAndGet();
                }
            } else if (error.getMessage() != null && error.getMessage().startsWith("BUSYKEY")) {
                busyKeys.add(ByteBuffer.wrap((byte[]) reply.tag()));
                progress.busy((byte[]) reply.tag());
            } else {
                progress.failed("RESTORE on " + link.addr() + ": " + error.getMessage());
            }
        }
    }

    @Override
    public void close() {
        links.values().forEach(RedisLink::close);
        links.clear();
    }
}
