package io.codis.proxy.backend;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * Coalesces flushes on one event loop: members (client sessions, backend connections) written to
 * while handling I/O are flushed once, by a task that runs after the loop has processed the current
 * round of reads. Loop-confined.
 *
 * <p>Callers remember the stamp {@link #add} returns and pass it back, so a member is listed once per
 * round without a set lookup.
 */
public final class WriteBatch {

    /** Something that buffers writes during a round and writes and flushes them when the round ends. */
    public interface Member {
        /** Writes what this member buffered and flushes its channel. */
        void flushBatch();
    }

    private final EventLoop loop;
    private List<Member> dirty = new ArrayList<>();
    private List<Member> flushing = new ArrayList<>();
    private final Runnable flushTask = this::flush;
    private long round = 1;

    public WriteBatch(EventLoop loop) {
        this.loop = loop;
    }

    public EventLoop loop() {
        return loop;
    }

    /**
     * Flushes {@code member} after the current round unless {@code stamp} (what the last call
     * returned for this member, 0 at first) shows it is already listed; returns the new stamp.
     */
    public long add(Member member, long stamp) {
        if (stamp == round) {
            return stamp;
        }
        if (dirty.isEmpty()) {
            loop.execute(flushTask);
        }
        dirty.add(member);
        return round;
    }

    /** Flushes now every member added so far. */
    public void flush() {
        if (dirty.isEmpty()) {
            return;
        }
        round++;
        List<Member> now = dirty;
        dirty = flushing;
        flushing = now;
        for (int i = 0; i < now.size(); i++) {
            now.get(i).flushBatch();
        }
        now.clear();
    }
}
