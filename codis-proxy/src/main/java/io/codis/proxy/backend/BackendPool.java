package io.codis.proxy.backend;

import io.codis.common.model.Slot;
import io.codis.common.slot.SlotHash;
import io.codis.proxy.pacing.WriteBatch;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The backend connections of one event loop: per address, per DB, {@code parallel} pipelined
 * connections, separately for primaries and replicas, all speaking RESP2. The loop's RESP3
 * sessions use a sibling pool of connections that said {@code HELLO 3} ({@link #resp3()}), made
 * when the loop's first RESP3 session asks, so a shared connection never changes protocol and
 * RESP2-only workloads never pay for it. Loop-confined.
 */
public final class BackendPool {

    private final BackendSettings settings;
    private final WriteBatch batch;
    private final Dialer dialer;
    private final OwnedConnections owned;
    private final OwnedLimit ownedLimit;
    /** The RESP3 sibling, null until a RESP3 session of this loop first needs it (null in the sibling itself). */
    private BackendPool resp3;
    private final Map<String, BackendConnection[][]> primaries = new HashMap<>();
    private final Map<String, BackendConnection[][]> replicas = new HashMap<>();
    // DB 0's primary connections per slot id, valid while the slot is the same Slot object (a fill
    // installs a new one): the hot path then skips the address map.
    private final Slot[] cachedSlots = new Slot[SlotHash.SLOT_COUNT];
    private final BackendConnection[][] cachedPrimaries = new BackendConnection[SlotHash.SLOT_COUNT][];

    public BackendPool(BackendSettings settings, WriteBatch batch, Transport transport, OwnedLimit ownedLimit) {
        this(settings, batch, Dialer.tcp(batch.loop(), transport, settings), ownedLimit);
    }

    private BackendPool(BackendSettings settings, WriteBatch batch, Dialer dialer, OwnedLimit ownedLimit) {
        this.settings = settings;
        this.batch = batch;
        this.dialer = dialer;
        this.ownedLimit = ownedLimit;
        this.owned = new OwnedConnections(settings, batch, dialer, ownedLimit);
    }

    /**
     * The pool of this loop's RESP3 connections (the same addresses, DBs, parallelism and limits, owned
     * connections counted against the same {@code proxy_max_owned_conns}); made on the first call.
     * Its connections are dialled when first used.
     */
    public BackendPool resp3() {
        if (settings.protocol() == 3) {
            return this;
        }
        if (resp3 == null) {
            resp3 = new BackendPool(settings.forResp3(), batch, dialer, ownedLimit);
        }
        return resp3;
    }

    /** The RESP protocol this pool's connections speak: 2, or 3 for {@link #resp3()}. */
    public int protocol() {
        return settings.protocol();
    }

    /** The connections a session may own alone (blocking commands, transactions). */
    public OwnedConnections owned() {
        return owned;
    }

    public WriteBatch batch() {
        return batch;
    }

    /**
     * The primary connection for {@code addr} and {@code db}: with parallel > 1 the one {@code seed}
     * picks (a session passes the same seed for all its requests, so its requests stay in order on one
     * connection; the original picked per request, which could reorder a client's pipeline). A request
     * on a connection that is not connected yet waits in its queue while it is dialled.
     */
    public BackendConnection primary(String addr, int db, int seed) {
        return pick(connections(primaries, addr, db, settings.primaryParallel()), seed);
    }

    /**
     * {@link #primary(String, int, int)} for the backend of {@code slot}, slot number {@code id}: for DB 0
     * looked up by slot number while the slot is the same object (a fill installs a new one), without
     * reading the slot itself.
     */
    public BackendConnection primary(int id, Slot slot, int db, int seed) {
        if (db != 0) {
            return primary(slot.backendAddr(), db, seed);
        }
        BackendConnection[] conns = cachedPrimaries[id];
        if (cachedSlots[id] != slot) {
            conns = connections(primaries, slot.backendAddr(), 0, settings.primaryParallel());
            cachedPrimaries[id] = conns;
            cachedSlots[id] = slot;
        }
        return pick(conns, seed);
    }

    private static BackendConnection pick(BackendConnection[] conns, int seed) {
        return conns.length == 1 ? conns[0] : conns[Math.floorMod(seed, conns.length)];
    }

    /** A connected, not data-stale replica connection for {@code addr} and {@code db}, or null (dialling it for later). */
    public BackendConnection replica(String addr, int db, int seed) {
        BackendConnection[] conns = connections(replicas, addr, db, settings.replicaParallel());
        int start = Math.floorMod(seed, conns.length);
        for (int i = 0; i < conns.length; i++) {
            BackendConnection conn = conns[(start + i) % conns.length];
            if (conn.isUsable()) {
                return conn;
            }
            conn.warmUp();
        }
        return null;
    }

    private BackendConnection[] connections(Map<String, BackendConnection[][]> pool, String addr, int db, int parallel) {
        BackendConnection[][] byDb = pool.get(addr);
        if (byDb == null) {
            byDb = new BackendConnection[settings.numberDatabases()][];
            pool.put(addr, byDb);
        }
        BackendConnection[] conns = byDb[db];
        if (conns == null) {
            conns = new BackendConnection[parallel];
            for (int i = 0; i < parallel; i++) {
                conns[i] = new BackendConnection(addr, db, settings, batch, dialer);
            }
            byDb[db] = conns;
        }
        return conns;
    }

    /** Dials DB 0's primary connections to {@code addrs} (a replica-only address is dialled when first read from). */
    public void warmUp(Set<String> addrs) {
        for (String addr : addrs) {
            for (BackendConnection conn : connections(primaries, addr, 0, settings.primaryParallel())) {
                conn.warmUp();
            }
        }
    }

    /** Housekeeping: receive timeouts and keepalive pings. */
    public void tick(long now) {
        tick(primaries, now);
        tick(replicas, now);
        owned.tick(now);
        if (resp3 != null) {
            resp3.tick(now);
        }
    }

    private static void tick(Map<String, BackendConnection[][]> pool, long now) {
        for (BackendConnection[][] byDb : pool.values()) {
            for (BackendConnection[] conns : byDb) {
                if (conns != null) {
                    for (BackendConnection conn : conns) {
                        conn.tick(now);
                    }
                }
            }
        }
    }

    /** Closes the connections to addresses no slot uses any more. */
    public void drop(Set<String> addrs) {
        forgetSlots();
        owned.drop(addrs);
        for (String addr : addrs) {
            close(primaries.remove(addr));
            close(replicas.remove(addr));
        }
        if (resp3 != null) {
            resp3.drop(addrs);
        }
    }

    public void closeAll() {
        forgetSlots();
        owned.closeAll();
        for (BackendConnection[][] byDb : primaries.values()) {
            close(byDb);
        }
        for (BackendConnection[][] byDb : replicas.values()) {
            close(byDb);
        }
        primaries.clear();
        replicas.clear();
        if (resp3 != null) {
            resp3.closeAll();
        }
    }

    private void forgetSlots() {
        Arrays.fill(cachedSlots, null);
        Arrays.fill(cachedPrimaries, null);
    }

    private static void close(BackendConnection[][] byDb) {
        if (byDb == null) {
            return;
        }
        for (BackendConnection[] conns : byDb) {
            if (conns != null) {
                for (BackendConnection conn : conns) {
                    conn.close();
                }
            }
        }
    }
}
