package io.codis.proxy.forward;

import io.codis.common.model.Slot;
import io.codis.common.resp.RespRequest;
import io.codis.proxy.backend.BackendConnection;
import io.codis.proxy.backend.BackendPool;
import io.codis.proxy.backend.ReplyHandler;
import io.codis.proxy.router.SlotState;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends one session's requests to backends, the original's {@code forward.go}: for a slot, its primary
 * or, for a read when the slot has replica groups and no migration, a replica of the first tier with a
 * usable one; for PING/INFO/SLOTSINFO with an address, that backend. Requests for slots with
 * {@code migrate_from} go through {@link #forwardMigrating} and {@link #forwardMigratingPart}, where
 * move-on-access (proxy-dataplane.md "Slots under migration") plugs in.
 *
 * <p>One per session, on the session's event loop; it holds the session's DB and the seed that keeps
 * all of the session's requests on one of a backend's {@code backend_primary_parallel} connections.
 * Callers have entered the slot ({@link SlotState#tryEnter()}) and checked it is online.
 */
public final class Forwarder {

    private final BackendPool pool;
    /** Picks this session's connection among backend_primary_parallel ones (the same for all its requests). */
    private final int primarySeed;
    private int db;

    public Forwarder(BackendPool pool, int primarySeed) {
        this.pool = pool;
        this.primarySeed = primarySeed;
    }

    /** The DB the session selected (SELECT). */
    public void select(int db) {
        this.db = db;
    }

    /**
     * Forwards {@code request} as it came to the backend of {@code state}, the slot of its key (a
     * non-empty key: the request is subject to migration).
     */
    public void forward(SlotState state, RespRequest request, boolean needsMaster, ReplyHandler handler) {
        if (state.isMigrating()) {
            forwardMigrating(state, request, handler);
            return;
        }
        choose(state, needsMaster, 0).send(request.takeRaw(), handler);
    }

    /**
     * Forwards {@code request} as it came to the backend of slot {@code state} without a key (SLOTSSCAN,
     * argument-less PING and INFO, a command without its key argument): never migration-handled.
     */
    public void forwardToSlot(SlotState state, RespRequest request, boolean needsMaster, ReplyHandler handler) {
        choose(state, needsMaster, 0).send(request.takeRaw(), handler);
    }

    /** Sends {@code payload} to the primary {@code addr} (a backend the router names) in the session's DB. */
    public void sendTo(String addr, ByteBuf payload, ReplyHandler handler) {
        pool.primary(addr, db, primarySeed).send(payload, handler);
    }

    /**
     * Move-on-access seam for a request whose key is in a slot with {@code migrate_from}. Issue 16 puts
     * move-on-access here: migrate every key the command names from the source ({@code migrate_from}) to
     * the target ({@code backend_addr}) with one {@code MIGRATE … KEYS} on the source's connection for the
     * session's DB, then forward the request to the target; an error of that step goes to
     * {@code handler} (the client) and nothing is forwarded. Today the request goes straight to the
     * target, as every request of the slot (a migrating slot never reads from replicas).
     */
    private void forwardMigrating(SlotState state, RespRequest request, ReplyHandler handler) {
        choose(state, true, 0).send(request.takeRaw(), handler);
    }

    /**
     * The same seam for one part of a split multi-key command (MGET, MSET, DEL, EXISTS, TOUCH, UNLINK)
     * some of whose keys are in a migrating slot: {@code part} is the part's request for {@code target},
     * and its keys are the arguments {@code 1 + k * step} of {@code request} for each {@code k} in
     * {@code keys}. Issue 16 moves those keys (one {@code MIGRATE … KEYS} per source) before sending the
     * part, as {@link #forwardMigrating}; today the part goes straight to the target.
     */
    public void forwardMigratingPart(BackendConnection target, RespRequest request, int[] keys, int step,
            ByteBuf part, ReplyHandler handler) {
        target.send(part, handler);
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
