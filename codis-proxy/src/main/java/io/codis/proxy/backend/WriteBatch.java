package io.codis.proxy.backend;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * Coalesces flushes on one event loop: channels written to while handling I/O are flushed once, by a
 * task that runs after the loop has processed the current round of reads. Loop-confined.
 *
 * <p>Callers remember the stamp {@link #add} returns and pass it back, so a channel is listed once per
 * round without a set lookup.
 */
public final class WriteBatch {

    private final EventLoop loop;
    private List<Channel> dirty = new ArrayList<>();
    private List<Channel> flushing = new ArrayList<>();
    private final Runnable flushTask = this::flush;
    private long round = 1;

    public WriteBatch(EventLoop loop) {
        this.loop = loop;
    }

    public EventLoop loop() {
        return loop;
    }

    /**
     * Flushes {@code channel} after the current round unless {@code stamp} (what the last call
     * returned for this channel, 0 at first) shows it is already listed; returns the new stamp.
     */
    public long add(Channel channel, long stamp) {
        if (stamp == round) {
            return stamp;
        }
        if (dirty.isEmpty()) {
            loop.execute(flushTask);
        }
        dirty.add(channel);
        return round;
    }

    /** Flushes now every channel added so far. */
    public void flush() {
        if (dirty.isEmpty()) {
            return;
        }
        round++;
        List<Channel> now = dirty;
        dirty = flushing;
        flushing = now;
        for (int i = 0; i < now.size(); i++) {
            now.get(i).flush();
        }
        now.clear();
    }
}
