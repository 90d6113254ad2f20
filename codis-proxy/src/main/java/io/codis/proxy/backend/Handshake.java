package io.codis.proxy.backend;

import io.codis.common.resp.RespReply;
import io.netty.channel.Channel;

/**
 * What a backend connection sends first once connected: AUTH with product_auth (when set), then
 * SELECT of its DB (when not 0). A reply other than a simple string fails the connection with the
 * error's text; the last step's {@code +OK} ends the connection's row of failures.
 */
final class Handshake implements ReplyHandler {

    private final BackendConnection conn;
    private final Channel channel;
    private final boolean last;

    private Handshake(BackendConnection conn, Channel channel, boolean last) {
        this.conn = conn;
        this.channel = channel;
        this.last = last;
    }

    /** Writes the handshake of {@code conn}, just connected on {@code channel}; false when it needs none. */
    static boolean start(BackendConnection conn, Channel channel, String productAuth) {
        int db = conn.db();
        boolean auth = !productAuth.isEmpty();
        if (auth) {
            conn.writeNow(Commands.of("AUTH", productAuth), new Handshake(conn, channel, db == 0));
        }
        if (db != 0) {
            conn.writeNow(Commands.of("SELECT", Integer.toString(db)), new Handshake(conn, channel, true));
        }
        return auth || db != 0;
    }

    @Override
    public void onReply(RespReply reply) {
        try {
            if (reply.type() != '+') {
                conn.fail(channel, reply.isError() ? reply.text() : "bad handshake reply " + reply.typeName(), false);
            } else if (last) {
                conn.handshakeDone();
            }
        } finally {
            reply.release();
        }
    }

    @Override
    public void onFailure(String error) {
    }
}
