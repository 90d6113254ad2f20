package io.codis.proxy.backend;

import io.codis.proxy.pacing.WriteBatch;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The backend connections of one event loop that a session owns alone while it blocks (BLPOP, XREAD
 * BLOCK, WAIT...) or runs a transaction (WATCH ... EXEC), so that a call that waits never holds up
 * other sessions' requests on a shared pipelined connection. A connection is taken with
 * {@link #acquire} (up to the proxy's {@link OwnedLimit}) and given back with {@link #release}: kept
 * for the next owner only when it is clean (no reply due, no transaction or WATCH left on it), closed
 * otherwise, so no session ever sees another's state; one unused for {@link #IDLE_NANOS} is closed.
 * Owned connections have no receive timeout and no keepalive PING (a PING would be queued in a
 * transaction), are never dialled again after a failure, and learn their {@code CLIENT ID} first (to
 * be unblocked by it). Loop-confined.
 */
public final class OwnedConnections {

    /** How long a connection given back waits for its next owner before it is closed. */
    static final long IDLE_NANOS = 60_000_000_000L;

    private final BackendSettings settings;
    private final WriteBatch batch;
    private final Dialer dialer;
    private final OwnedLimit limit;
    /** Clean connections no session owns, by address and DB, oldest given back first. */
    private final Map<String, ArrayDeque<Idle>> idle = new HashMap<>();
    private final Set<BackendConnection> inUse = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Addresses no slot uses any more: a connection to one is closed when given back. */
    private final Set<String> dropped = new HashSet<>();

    OwnedConnections(BackendSettings settings, WriteBatch batch, Dialer dialer, OwnedLimit limit) {
        this.settings = settings.forOwnedConnections();
        this.batch = batch;
        this.dialer = dialer;
        this.limit = limit;
    }

    /** A connection to {@code addr}, DB {@code db}, owned by the caller alone; null when the proxy's limit is reached. */
    public BackendConnection acquire(String addr, int db) {
        if (!limit.tryTake()) {
            return null;
        }
        dropped.remove(addr);
        BackendConnection conn = null;
        ArrayDeque<Idle> free = idle.get(key(addr, db));
        while (free != null && !free.isEmpty() && conn == null) {
            BackendConnection candidate = free.pollLast().conn();
            if (candidate.isConnected()) {
                conn = candidate;
            } else {
                candidate.close();
            }
        }
        if (conn == null) {
            conn = new BackendConnection(addr, db, settings, batch, dialer);
            conn.neverRedial();
            conn.send(Commands.of("CLIENT", "ID"), new ClientIdReply(conn));
        }
        inUse.add(conn);
        return conn;
    }

    /**
     * The command that ends the call blocked on {@code conn} with Redis' {@code -UNBLOCKED} error
     * ({@code CLIENT UNBLOCK id ERROR}), to send on another connection to the same server, its reply to
     * {@link ReplyHandler#IGNORED}; harmless when the call has just answered. Null until the connection's id (asked
     * for when it was opened) came.
     */
    public static ByteBuf unblockCommand(BackendConnection conn) {
        long id = conn.serverClientId();
        return id <= 0 ? null : Commands.of("CLIENT", "UNBLOCK", Long.toString(id), "ERROR");
    }

    /**
     * Gives back an owned connection: with {@code clean} (its replies all came, no transaction or WATCH
     * left) it waits for the next owner, otherwise it is closed, which fails what it still waits for.
     */
    public void release(BackendConnection conn, boolean clean) {
        if (!inUse.remove(conn)) {
            return;
        }
        limit.give();
        if (clean && conn.isConnected() && conn.isQuiet() && !dropped.contains(conn.addr())) {
            idle.computeIfAbsent(key(conn.addr(), conn.db()), k -> new ArrayDeque<>()).add(new Idle(conn, System.nanoTime()));
        } else {
            conn.close();
        }
    }

    /** Connections owned now on this loop. */
    public int inUse() {
        return inUse.size();
    }

    /** A connection given back clean, and when. */
    private record Idle(BackendConnection conn, long sinceNanos) {
    }

    /** Records a new owned connection's {@code CLIENT ID}. */
    private static final class ClientIdReply implements ReplyHandler {
        private final BackendConnection conn;

        ClientIdReply(BackendConnection conn) {
            this.conn = conn;
        }

        @Override
        public void onReply(io.codis.common.resp.RespReply reply) {
            try {
                if (reply.type() == ':') {
                    conn.serverClientId(Long.parseLong(reply.text()));
                }
            } finally {
                reply.release();
            }
        }

        @Override
        public void onFailure(String error) {
        }
    }

    private static String key(String addr, int db) {
        return db + "/" + addr;
    }

    void tick(long now) {
        for (BackendConnection conn : inUse.toArray(new BackendConnection[0])) {
            conn.tick(now);
        }
        for (ArrayDeque<Idle> free : idle.values()) {
            while (!free.isEmpty() && now - free.peekFirst().sinceNanos() > IDLE_NANOS) {
                free.pollFirst().conn().close();
            }
            for (Idle entry : free) {
                entry.conn().tick(now);
            }
        }
    }

    /** Closes the idle connections to {@code addrs} (owned ones are closed when their owner gives them back). */
    void drop(Set<String> addrs) {
        dropped.addAll(addrs);
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, ArrayDeque<Idle>> e : idle.entrySet()) {
            Idle first = e.getValue().peek();
            if (first != null && addrs.contains(first.conn().addr())) {
                gone.add(e.getKey());
            }
        }
        for (String key : gone) {
            idle.remove(key).forEach(entry -> entry.conn().close());
        }
    }

    void closeAll() {
        idle.values().forEach(free -> free.forEach(entry -> entry.conn().close()));
        idle.clear();
        for (BackendConnection conn : inUse.toArray(new BackendConnection[0])) {
            release(conn, false);
        }
    }
}
