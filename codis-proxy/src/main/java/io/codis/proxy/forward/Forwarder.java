package io.codis.proxy.forward;

import io.codis.common.model.Slot;
import io.codis.common.resp.RespRequest;
import io.codis.proxy.backend.BackendConnection;
import io.codis.proxy.backend.BackendPool;
import io.codis.proxy.backend.ReplyHandler;
import io.codis.proxy.command.CommandSpec;
import io.codis.proxy.router.Router;
import io.codis.proxy.router.SlotState;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends one session's requests to backends, the original's {@code forward.go}: for a slot, its primary
 * or, for a read when the slot has replica groups and no migration, a replica of the first tier with a
 * usable one; for PING/INFO/SLOTSINFO with an address, that backend. Requests for slots with
 * {@code migrate_from} first move their keys from the source to the target (move-on-access,
 * {@link #forwardMigrating}); while one of a session's requests waits for that, the session's later
 * keyed requests wait behind it ({@link MoveQueue}), so every backend sees them in the client's order.
 *
 * <p>One per session, on the session's event loop; it holds the session's DB and the seed that keeps
 * all of the session's requests on one of a backend's {@code backend_primary_parallel} connections.
 * Callers have entered the slot ({@link SlotState#tryEnter()}) and checked it is online.
 */
public final class Forwarder {

    private BackendPool pool;
    /** Picks this session's connection among backend_primary_parallel ones (the same for all its requests). */
    private final int primarySeed;
    private final Router router;
    private final MigrateCommand migrate;
    private int db;
    /** The session's requests waiting for their keys to move, and those behind them; null until the first. */
    private MoveQueue moves;
    private MovedKeys movedKeys;

    public Forwarder(BackendPool pool, int primarySeed, Router router, MigrateCommand migrate) {
        this.pool = pool;
        this.primarySeed = primarySeed;
        this.router = router;
        this.migrate = migrate;
    }

    /**
     * Sends the session's later requests over {@code pool}'s connections: the loop's RESP3 pool after
     * HELLO 3, its RESP2 pool after HELLO 2. The caller switches only when none of the session's
     * requests is outstanding, so no later request can overtake an earlier one on another connection.
     */
    public void usePool(BackendPool pool) {
        this.pool = pool;
    }

    /** The pool the session's requests go over. */
    public BackendPool pool() {
        return pool;
    }

    /** The DB the session selected (SELECT). */
    public void select(int db) {
        this.db = db;
    }

    public int db() {
        return db;
    }

    /**
     * Forwards {@code request} as it came to the backend of {@code state}, the slot of its key (a
     * request with a key argument: subject to migration), behind the session's requests still moving keys.
     */
    public void forward(SlotState state, RespRequest request, CommandSpec cmd, boolean needsMaster,
            ForwardHandler handler) {
        if (state.isMigrating()) {
            forwardMigrating(choose(state, true, 0), state, request, cmd, handler);
            return;
        }
        BackendConnection conn = choose(state, needsMaster, 0);
        if (moves != null && moves.isBusy()) {
            moves.add(conn, request.takeRaw(), handler, 0);
            return;
        }
        conn.send(request.takeRaw(), handler);
    }

    /**
     * Forwards {@code request} as it came on {@code target}, a connection to the primary of {@code state}
     * that the session owns (a blocking command, a transaction's), moving its keys first while the slot
     * migrates, behind the session's requests still moving keys.
     */
    public void forwardOn(BackendConnection target, SlotState state, RespRequest request, CommandSpec cmd,
            ForwardHandler handler) {
        if (state.isMigrating()) {
            forwardMigrating(target, state, request, cmd, handler);
        } else {
            sendInOrder(target, request.takeRaw(), handler);
        }
    }

    /** Sends {@code payload} (as the client sent it, or the proxy's own) on {@code target}, a connection the session owns, in the session's request order. */
    public void sendOn(BackendConnection target, ByteBuf payload, ForwardHandler handler) {
        sendInOrder(target, payload, handler);
    }

    /**
     * Forwards {@code request} as it came to the backend of slot {@code state} without a key (SLOTSSCAN,
     * argument-less PING and INFO, a command without its key argument): never migration-handled.
     */
    public void forwardToSlot(SlotState state, RespRequest request, boolean needsMaster, ReplyHandler handler) {
        choose(state, needsMaster, 0).send(request.takeRaw(), handler);
    }

    /** Sends {@code payload} (the proxy's own request) to the primary {@code addr} (a backend the router names) in the session's DB. */
    public void sendTo(String addr, ByteBuf payload, ReplyHandler handler) {
        pool.primary(addr, db, primarySeed).send(payload, handler);
    }

    /** Whether some request of this session still waits for its keys to move: split parts must then go through {@link #forwardPart}. */
    public boolean isMoving() {
        return moves != null && moves.isBusy();
    }

    /**
     * Move-on-access (migration-and-ha.md "Guarantee 1") for a request whose key is in a slot with
     * {@code migrate_from}: one {@code MIGRATE … KEYS} on the session's connection to the source (its
     * primary pool, the session's DB) moves every key the command names that is in this slot (or in
     * another slot migrating between the same two groups) to the target; the request goes to the target
     * once that answered {@code +OK} or {@code +NOKEY}, in the session's request order. Any failure goes
     * to {@code handler} ({@link KeyMove} says which) and nothing is forwarded. A migrating slot never
     * reads from replicas.
     */
    private void forwardMigrating(BackendConnection target, SlotState state, RespRequest request, CommandSpec cmd,
            ForwardHandler handler) {
        MovedKeys keys = movedKeys();
        keys.collect(request, cmd, state);
        if (keys.count() == 0) {
            sendInOrder(target, request.takeRaw(), handler);
            return;
        }
        ByteBuf migrate = migrateCommand(target, request, keys, handler);
        if (migrate == null) {
            return;
        }
        migrateFrom(state.slot().migrateFrom(), migrate, moves().add(target, request.takeRaw(), handler, 1));
    }

    /**
     * Sends one part of a split multi-key command (MGET, MSET, DEL, EXISTS, TOUCH, UNLINK): {@code part}
     * is the part's request for {@code target}, its keys are the arguments {@code 1 + k * step} of
     * {@code request} for {@code k} in {@code keys[from .. to)}, key {@code k} of slot {@code states[k]}.
     * Its keys of migrating slots are moved first as by {@link #forwardMigrating}, one MIGRATE per source
     * (sent in parallel); the part goes in the session's request order.
     */
    public void forwardPart(BackendConnection target, RespRequest request, SlotState[] states, int[] keys, int from,
            int to, int step, ByteBuf part, ForwardHandler handler) {
        String[] sources = sources(states, keys, from, to);
        if (sources == null) {
            sendInOrder(target, part, handler);
            return;
        }
        if (sources.length == 1) {
            ByteBuf migrate = partMigrate(target, request, states, keys, from, to, step, sources[0], handler);
            if (migrate == null) {
                part.release();
                return;
            }
            migrateFrom(sources[0], migrate, moves().add(target, part, handler, 1));
            return;
        }
        ByteBuf[] migrates = new ByteBuf[sources.length];
        for (int s = 0; s < sources.length; s++) {
            migrates[s] = partMigrate(target, request, states, keys, from, to, step, sources[s], handler);
            if (migrates[s] == null) {
                part.release(); // the target address is bad: the first fails, before any MIGRATE is sent
                return;
            }
        }
        KeyMove move = moves().add(target, part, handler, sources.length);
        for (int s = 0; s < sources.length; s++) {
            migrateFrom(sources[s], migrates[s], move);
        }
    }

    /** The MIGRATE of the part's keys whose slots migrate from {@code source}, or null after refusing the part. */
    private ByteBuf partMigrate(BackendConnection target, RespRequest request, SlotState[] states, int[] keys, int from,
            int to, int step, String source, ForwardHandler handler) {
        MovedKeys moved = movedKeys();
        moved.reset(request);
        for (int i = from; i < to; i++) {
            SlotState state = states[keys[i]];
            if (state.isMigrating() && state.slot().migrateFrom().equals(source)) {
                moved.add(1 + keys[i] * step);
            }
        }
        return migrateCommand(target, request, moved, handler);
    }

    /**
     * The distinct sources of the migrating slots among {@code states[keys[from .. to)]}, null for none;
     * a one-element array of the slot's own string when there is one source (the usual case).
     */
    private static String[] sources(SlotState[] states, int[] keys, int from, int to) {
        String[] sources = null;
        for (int i = from; i < to; i++) {
            SlotState state = states[keys[i]];
            if (!state.isMigrating()) {
                continue;
            }
            String source = state.slot().migrateFrom();
            if (sources == null) {
                sources = new String[] {source};
            } else if (!Arrays.asList(sources).contains(source)) {
                sources = Arrays.copyOf(sources, sources.length + 1);
                sources[sources.length - 1] = source;
            }
        }
        return sources;
    }

    /** Sends {@code migrate} on the session's connection to {@code source}, {@code move} getting its reply. */
    private void migrateFrom(String source, ByteBuf migrate, KeyMove move) {
        pool.primary(source, db, primarySeed).send(migrate, move);
    }

    /** The MIGRATE of {@code keys} to {@code target}, or null after refusing the request (the target's address is bad). */
    private ByteBuf migrateCommand(BackendConnection target, RespRequest request, MovedKeys keys, ForwardHandler handler) {
        try {
            return migrate.write(target.addr(), db, request, keys.args(), keys.count());
        } catch (IllegalArgumentException e) {
            handler.onRefused("ERR handle request, bad slotsmgrt target: " + e.getMessage());
            return null;
        }
    }

    /** Sends {@code payload} to {@code target} now, or behind the session's requests still moving keys. */
    private void sendInOrder(BackendConnection target, ByteBuf payload, ForwardHandler handler) {
        if (moves != null && moves.isBusy()) {
            moves.add(target, payload, handler, 0);
        } else {
            target.send(payload, handler);
        }
    }

    private MoveQueue moves() {
        if (moves == null) {
            moves = new MoveQueue();
        }
        return moves;
    }

    private MovedKeys movedKeys() {
        if (movedKeys == null) {
            movedKeys = new MovedKeys(router);
        }
        return movedKeys;
    }

    /**
     * The connection for a request of an entered, online slot: a replica when the request may read
     * from one and the slot {@linkplain SlotState#readsReplicas() reads replicas} (tiers in order,
     * members from {@code seed}, 0 for a random one), else the slot's primary.
     */
    public BackendConnection choose(SlotState state, boolean needsMaster, int seed) {
        Slot slot = state.slot();
        if (!needsMaster && state.readsReplicas()) {
            if (seed == 0) {
                seed = ThreadLocalRandom.current().nextInt();
            }
            for (List<String> tier : slot.replicaGroups()) {
                int n = tier.size();
                if (n == 0) {
                    continue;
                }
                int start = Math.floorMod(seed, n);
                for (int i = 0; i < n; i++) {
                    BackendConnection conn = pool.replica(tier.get((start + i) % n), db, seed);
                    if (conn != null) {
                        return conn;
                    }
                }
            }
        }
        return pool.primary(state.id(), slot, db, primarySeed);
    }
}
