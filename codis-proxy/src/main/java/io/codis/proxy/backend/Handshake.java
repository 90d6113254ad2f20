package io.codis.proxy.backend;

import io.codis.common.resp.RespReply;
import io.netty.channel.Channel;

/**
 * What a backend connection sends first once connected: AUTH with product_auth (when set), then
 * {@code HELLO 3} for a RESP3 connection, then SELECT of its DB (when not 0). A reply other than a
 * simple string (or HELLO's map) fails the connection with the error's text; the last step's success
 * ends the connection's row of failures.
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
    static boolean start(BackendConnection conn, Channel channel, BackendSettings settings) {
        int db = conn.db();
        String productAuth = settings.productAuth();
        boolean auth = !productAuth.isEmpty();
        boolean resp3 = settings.protocol() == 3;
        if (auth) {
            conn.writeNow(Commands.of("AUTH", productAuth), new Handshake(conn, channel, db == 0 && !resp3));
        }
        if (resp3) {
            conn.writeNow(Commands.of("HELLO", "3"), new Handshake(conn, channel, db == 0));
        }
        if (db != 0) {
            conn.writeNow(Commands.of("SELECT", Integer.toString(db)), new Handshake(conn, channel, true));
        }
        return auth || resp3 || db != 0;
    }

    @Override
    public void onReply(RespReply reply) {
        try {
            if (reply.type() != '+' && reply.type() != '%') {
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
