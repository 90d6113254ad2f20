package io.codis.proxy.backend;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Coalesces flushes on one event loop: channels written to while handling I/O are flushed once, by a
 * task that runs after the loop has processed the current round of reads. Loop-confined.
 */
public final class WriteBatch {

    private final EventLoop loop;
    private final Set<Channel> dirty = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Channel> flushing = new ArrayList<>();
    private final Runnable flushTask = this::flush;

    public WriteBatch(EventLoop loop) {
        this.loop = loop;
    }

    public EventLoop loop() {
        return loop;
    }

    /** Flushes {@code channel} after the current round. */
    public void add(Channel channel) {
        if (dirty.isEmpty()) {
            loop.execute(flushTask);
        }
        dirty.add(channel);
    }

    /** Flushes now every channel added so far. */
    public void flush() {
        if (dirty.isEmpty()) {
            return;
        }
        flushing.addAll(dirty);
        dirty.clear();
        for (Channel channel : flushing) {
            channel.flush();
        }
        flushing.clear();
    }
}
