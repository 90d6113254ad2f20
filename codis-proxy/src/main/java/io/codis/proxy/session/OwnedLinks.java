package io.codis.proxy.session;

import io.codis.common.model.Slot;
import io.codis.common.resp.RespReply;
import io.codis.proxy.backend.BackendConnection;
import io.codis.proxy.backend.OwnedConnections;
import io.codis.proxy.backend.ReplyHandler;
import io.codis.proxy.forward.ForwardHandler;
import io.codis.proxy.forward.Forwarder;
import io.codis.proxy.router.Router;
import io.codis.proxy.router.SlotState;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The backend connections one session owns for its blocking calls (BLPOP, XREAD BLOCK, WAIT...): one
 * per backend and DB it blocks on, taken from the loop's {@link OwnedConnections} for the first call
 * and given back, clean, when the last call on it answered; a session's pipelined calls to one backend
 * queue on its one connection, as on a Redis connection. A session that closes closes them (the
 * blocked calls end with the connection on the server); a call whose slot moves is unblocked
 * ({@link #unblockMoved}). Loop-confined.
 */
final class OwnedLinks {

    private final OwnedConnections pool;
    private final List<Link> links = new ArrayList<>(1);

    OwnedLinks(OwnedConnections pool) {
        this.pool = pool;
    }

    /**
     * The handler of one blocking call to the primary of {@code state} (entered, online), DB {@code db},
     * whose reply goes to {@code pending}, with the owned connection to send it on
     * ({@link Call#connection()}); null when the proxy's limit of owned connections is reached. With
     * {@code keyed}, the call is on keys of that slot and is unblocked if the slot moves.
     */
    Call call(SlotState state, boolean keyed, int db, Pending pending) {
        String addr = state.slot().backendAddr();
        Link link = null;
        for (Link l : links) {
            if (l.conn.addr().equals(addr) && l.conn.db() == db) {
                link = l;
                break;
            }
        }
        if (link == null) {
            BackendConnection conn = pool.acquire(addr, db);
            if (conn == null) {
                return null;
            }
            link = new Link(conn);
            links.add(link);
        }
        Call call = new Call(link, pending, keyed ? state : null);
        link.calls.add(call);
        return call;
    }

    /**
     * Housekeeping: a call blocked on a slot that a fill has since moved elsewhere (a migration started
     * or ended) would wait where its keys no longer come; it is ended with Redis' {@code -UNBLOCKED}
     * error (as Redis Cluster ends one whose slot moved), so the client asks again where the keys now are.
     */
    void unblockMoved(Forwarder forwarder, Router router) {
        for (Link link : links.toArray(new Link[0])) {
            Call blocked = link.calls.peek();
            if (blocked == null || blocked.unblockSent || blocked.slot == null
                    || KeySlots.servedAlike(blocked.slot.slot(), blocked.route)) {
                continue;
            }
            if (!router.isBackendAddress(link.conn.addr())) {
                // the server left the cluster: no shared connection to unblock it with, the call ends with its connection
                links.remove(link);
                pool.release(link.conn, false);
                continue;
            }
            ByteBuf unblock = OwnedConnections.unblockCommand(link.conn);
            if (unblock != null) {
                blocked.unblockSent = true;
                forwarder.sendTo(link.conn.addr(), unblock, ReplyHandler.IGNORED);
            }
        }
    }

    /** Some call waits for its reply: the session is not idle (session_recv_timeout spares it, as Redis' timeout spares a blocked client). */
    boolean isBlocking() {
        return !links.isEmpty();
    }

    /** The session closed: every owned connection is closed, failing the calls still blocked. */
    void closeAll() {
        for (Link link : links.toArray(new Link[0])) {
            links.remove(link);
            pool.release(link.conn, false);
        }
    }

    private void ended(Link link, Call call, boolean clean) {
        link.calls.remove(call);
        if (clean && !link.calls.isEmpty()) {
            return;
        }
        if (links.remove(link)) {
            pool.release(link.conn, clean);
        }
    }

    private static final class Link {
        final BackendConnection conn;
        /** The calls sent on it and not answered, oldest (the one blocking) first. */
        final ArrayDeque<Call> calls = new ArrayDeque<>(2);

        Link(BackendConnection conn) {
            this.conn = conn;
        }
    }

    /** One blocking call: gives its connection back when it answered, closes it when it failed. */
    final class Call implements ForwardHandler {
        private final Link link;
        private final Pending pending;
        /** The slot of its keys and that slot's route when it was sent; null for WAIT, which has no key. */
        private final SlotState slot;
        private final Slot route;
        private boolean unblockSent;

        private Call(Link link, Pending pending, SlotState slot) {
            this.link = link;
            this.pending = pending;
            this.slot = slot;
            this.route = slot == null ? null : slot.slot();
        }

        BackendConnection connection() {
            return link.conn;
        }

        @Override
        public void onReply(RespReply reply) {
            ended(link, this, true);
            pending.onReply(reply);
        }

        @Override
        public void onFailure(String error) {
            ended(link, this, false);
            pending.onFailure(error);
        }

        @Override
        public void onRefused(String message) {
            ended(link, this, true);
            pending.onRefused(message);
        }
    }
}
