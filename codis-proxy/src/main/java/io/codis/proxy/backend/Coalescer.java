package io.codis.proxy.backend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * The writes of one channel during an event-loop round, gathered into one buffer: small messages
 * (requests forwarded to a backend, replies to a client) are copied and released at once, so a
 * round ends in one write of one buffer instead of one outbound entry, one iovec and one release per
 * message. The first small message of a round is kept as it is and copied only when a second one
 * follows, so the common one-reply round costs no copy. A large message is written as it is (after
 * what was gathered before it, to keep the order). Loop-confined.
 */
public final class Coalescer {

    /** Messages up to this size are copied. */
    static final int COPY_LIMIT = 8 * 1024;
    /** A buffer is handed to the channel once it holds this much. */
    private static final int MAX_BUFFERED = 64 * 1024;
    private static final int INITIAL = 2048;

    /**
     * The size a new gathering buffer starts with: a quarter more than the last round gathered, so a
     * busy backend connection's round (many clients' requests) does not grow its buffer, copying it, on
     * the way.
     */
    private int expected = INITIAL;
    /** The round's only small message so far, not copied yet. */
    private ByteBuf single;
    private ByteBuf out;

    /** Queues {@code message} (taking ownership) behind what was queued before; not flushed. */
    public void write(Channel channel, ByteBuf message) {
        int n = message.readableBytes();
        if (n > COPY_LIMIT) {
            writeOut(channel);
            channel.write(message, channel.voidPromise());
            return;
        }
        if (single == null && out == null) {
            single = message;
            return;
        }
        try {
            room(channel, n).writeBytes(message, message.readerIndex(), n);
        } finally {
            message.release();
        }
    }

    /**
     * The gathering buffer, ready for {@code size} more bytes: a message up to {@link #COPY_LIMIT} can
     * be written into it in place, behind what was queued before, instead of being built apart and
     * copied by {@link #write}.
     */
    public ByteBuf room(Channel channel, int size) {
        if (single != null) {
            ByteBuf first = single;
            single = null;
            out = channel.alloc().directBuffer(Math.max(expected, first.readableBytes() + size));
            copy(first);
        } else if (out == null) {
            out = channel.alloc().directBuffer(Math.max(expected, size));
        } else if (out.writableBytes() < size && out.readableBytes() + size > MAX_BUFFERED) {
            writeOut(channel);
            out = channel.alloc().directBuffer(Math.max(expected, size));
        }
        out.ensureWritable(size);
        return out;
    }

    private void copy(ByteBuf message) {
        try {
            out.writeBytes(message, message.readerIndex(), message.readableBytes());
        } finally {
            message.release();
        }
    }

    /** Hands what was gathered to the channel (not flushed). */
    public void writeOut(Channel channel) {
        ByteBuf o = single != null ? single : out;
        if (o != null) {
            if (o == out) {
                int gathered = o.readableBytes();
                expected = Math.min(MAX_BUFFERED, Math.max(INITIAL, gathered + (gathered >>> 2)));
            }
            single = null;
            out = null;
            channel.write(o, channel.voidPromise());
        }
    }

    /** Drops what was gathered (the channel is gone). */
    public void discard() {
        ByteBuf o = single != null ? single : out;
        if (o != null) {
            single = null;
            out = null;
            o.release();
        }
    }
}
