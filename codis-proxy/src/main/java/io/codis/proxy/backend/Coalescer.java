package io.codis.proxy.backend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * The writes of one channel during an event-loop round, copied into one buffer: small messages
 * (requests forwarded to a backend, replies to a client) are copied and released at once, so a
 * round ends in one write of one buffer instead of one outbound entry, one iovec and one release per
 * message; a large message is written as it is (after what was copied before it, to keep the order).
 * Loop-confined.
 */
public final class Coalescer {

    /** Messages up to this size are copied. */
    static final int COPY_LIMIT = 8 * 1024;
    /** A buffer is handed to the channel once it holds this much. */
    private static final int MAX_BUFFERED = 64 * 1024;
    private static final int INITIAL = 2048;

    private ByteBuf out;

    /** Queues {@code message} (taking ownership) behind what was queued before; not flushed. */
    public void write(Channel channel, ByteBuf message) {
        int n = message.readableBytes();
        if (n > COPY_LIMIT) {
            writeOut(channel);
            channel.write(message, channel.voidPromise());
            return;
        }
        try {
            ByteBuf o = out;
            if (o == null) {
                o = channel.alloc().directBuffer(Math.max(INITIAL, n));
                out = o;
            } else if (o.writableBytes() < n && o.readableBytes() + n > MAX_BUFFERED) {
                writeOut(channel);
                o = channel.alloc().directBuffer(Math.max(INITIAL, n));
                out = o;
            }
            o.writeBytes(message, message.readerIndex(), n);
        } finally {
            message.release();
        }
    }

    /** Hands what was copied to the channel (not flushed). */
    public void writeOut(Channel channel) {
        ByteBuf o = out;
        if (o != null) {
            out = null;
            channel.write(o, channel.voidPromise());
        }
    }

    /** Drops what was copied (the channel is gone). */
    public void discard() {
        ByteBuf o = out;
        if (o != null) {
            out = null;
            o.release();
        }
    }
}
