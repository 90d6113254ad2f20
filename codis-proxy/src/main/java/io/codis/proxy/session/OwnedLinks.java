package io.codis.proxy.session;

import io.codis.common.resp.RespReply;
import io.codis.proxy.backend.BackendConnection;
import io.codis.proxy.backend.OwnedConnections;
import io.codis.proxy.forward.ForwardHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * The backend connections one session owns for its blocking calls (BLPOP, XREAD BLOCK, WAIT...): one
 * per backend and DB it blocks on, taken from the loop's {@link OwnedConnections} for the first call
 * and given back, clean, when the last call on it answered; a session's pipelined calls to one backend
 * queue on its one connection, as on a Redis connection. A session that closes closes them (the
 * blocked calls end with the connection on the server). Loop-confined.
 */
final class OwnedLinks {

    private final OwnedConnections pool;
    private final List<Link> links = new ArrayList<>(1);

    OwnedLinks(OwnedConnections pool) {
        this.pool = pool;
    }

    /**
     * The handler of one blocking call to {@code addr}, DB {@code db}, whose reply goes to {@code pending},
     * with the owned connection to send it on ({@link Call#connection()}); null when the proxy's limit
     * of owned connections is reached.
     */
    Call call(String addr, int db, Pending pending) {
        for (Link link : links) {
            if (link.conn.addr().equals(addr) && link.conn.db() == db) {
                link.calls++;
                return new Call(link, pending);
            }
        }
        BackendConnection conn = pool.acquire(addr, db);
        if (conn == null) {
            return null;
        }
        Link link = new Link(conn);
        links.add(link);
        link.calls++;
        return new Call(link, pending);
    }

    /** The session closed: every owned connection is closed, failing the calls still blocked. */
    void closeAll() {
        for (Link link : links.toArray(new Link[0])) {
            links.remove(link);
            pool.release(link.conn, false);
        }
    }

    private void ended(Link link, boolean clean) {
        if (clean && --link.calls > 0) {
            return;
        }
        if (links.remove(link)) {
            pool.release(link.conn, clean);
        }
    }

    private static final class Link {
        final BackendConnection conn;
        int calls;

        Link(BackendConnection conn) {
            this.conn = conn;
        }
    }

    /** One blocking call: gives its connection back when it answered, closes it when it failed. */
    final class Call implements ForwardHandler {
        private final Link link;
        private final Pending pending;

        private Call(Link link, Pending pending) {
            this.link = link;
            this.pending = pending;
        }

        BackendConnection connection() {
            return link.conn;
        }

        @Override
        public void onReply(RespReply reply) {
            ended(link, true);
            pending.onReply(reply);
        }

        @Override
        public void onFailure(String error) {
            ended(link, false);
            pending.onFailure(error);
        }

        @Override
        public void onRefused(String message) {
            ended(link, true);
            pending.onRefused(message);
        }
    }
}
