package io.codis.proxy.backend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * What a backend connection writes during an event-loop round, in order, until its write batch flushes
 * it: requests gathered by a {@link Coalescer} (copied, or written in place in its buffer), and the
 * MSET parts that follow one another combined into one {@link CombinedMset}, which is queued behind
 * the requests before it as soon as a request of another kind follows or the round ends. Loop-confined.
 */
final class RoundWriter {

    private final Coalescer coalescer = new Coalescer();
    /** The MSET parts written in a row most recently, not queued yet. */
    private CombinedMset openMset;

    /** Queues {@code request} (taking ownership) behind what was written before. */
    void write(Channel channel, ByteBuf request) {
        closeMset(channel);
        coalescer.write(channel, request);
    }

    /** Where a request of up to {@code size} bytes ({@link Coalescer#COPY_LIMIT} at most) is written in place. */
    ByteBuf room(Channel channel, int size) {
        closeMset(channel);
        return coalescer.room(channel, size);
    }

    /**
     * Where the next MSET part's pairs ({@code size} bytes at most) go in the open combined MSET, or
     * null when none is open or it is full (then {@link #openMset} starts one).
     */
    ByteBuf joinMset(Channel channel, int size) {
        if (openMset == null) {
            return null;
        }
        ByteBuf room = openMset.room(size);
        if (room == null) {
            closeMset(channel);
        }
        return room;
    }

    /** Starts a combined MSET for parts of up to {@code size} bytes; its reply handler is to be queued in flight. */
    CombinedMset openMset(Channel channel, int size) {
        openMset = new CombinedMset(channel.alloc(), size);
        return openMset;
    }

    /** The combined MSET the pairs just written by {@link #joinMset} or {@link #openMset} belong to. */
    CombinedMset mset() {
        return openMset;
    }

    /** Hands everything written to the channel and flushes it. */
    void flush(Channel channel) {
        closeMset(channel);
        coalescer.writeOut(channel);
        channel.flush();
    }

    /** Drops what was written and not handed to the channel yet (their handlers are failed apart). */
    void discard() {
        if (openMset != null) {
            openMset.discard();
            openMset = null;
        }
        coalescer.discard();
    }

    /** Queues the combined MSET, if one is open, before whatever is written next. */
    private void closeMset(Channel channel) {
        CombinedMset mset = openMset;
        if (mset != null) {
            openMset = null;
            coalescer.write(channel, mset.command());
        }
    }
}
