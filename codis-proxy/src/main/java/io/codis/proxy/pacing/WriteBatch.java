package io.codis.proxy.pacing;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;

/**
 * Coalesces flushes on one event loop. Loop-confined.
 *
 * <p>Client sessions written to while the loop handles I/O are flushed once, by a task that runs after
 * the loop has processed the current round of reads ({@link #add}). Backend connections are flushed the
 * same way unless the loop is busy (which only the loop's select strategy, {@link PacedSelect}, asks);
 * then their writes wait ({@link #addDeferred}) until the loop finds nothing more to read or they have waited
 * {@link #DEFER_ROUNDS} rounds, so that one write to a backend carries the requests of several rounds
 * when many clients are busy, and nothing waits when the loop would otherwise sleep.
 *
 * <p>The batch also tells whether the loop is busy: whether at least {@link #BUSY_SESSIONS} different
 * sessions got replies within the last window of {@link #WINDOW_NANOS}.
 *
 * <p>Callers remember the stamp {@link #add} (or {@link #addDeferred}) returns and pass it back, so a
 * member is listed once per round without a set lookup.
 */
public final class WriteBatch {

    /** Rounds a deferred write waits at most while the loop keeps finding more to read. */
    public static final int DEFER_ROUNDS = 4;
    /** Sessions with replies within one window that make the loop busy. */
    public static final int BUSY_SESSIONS = 16;
    public static final long WINDOW_NANOS = 1_000_000;

    private static final FastThreadLocal<WriteBatch> ATTACHED = new FastThreadLocal<>();

    /** Something that buffers writes during a round and writes and flushes them when the round ends. */
    public interface Member {
        /** Writes what this member buffered and flushes its channel. */
        void flushBatch();
    }

    /**
     * The members listed for the next flush, and a spare list that takes the members listed while a
     * flush runs. Each flush moves the stamp by {@code step}; the two listings of a batch step apart
     * (+1 and -1), so one stamp field per member serves both.
     */
    private static final class Listing {
        private List<Member> members = new ArrayList<>();
        private List<Member> spare = new ArrayList<>();
        private final long step;
        private long stamp;

        Listing(long step) {
            this.step = step;
            this.stamp = step;
        }

        boolean isEmpty() {
            return members.isEmpty();
        }

        /** Lists {@code member}; returns the stamp it should keep. */
        long add(Member member) {
            members.add(member);
            return stamp;
        }

        void flush() {
            if (members.isEmpty()) {
                return;
            }
            stamp += step;
            List<Member> now = members;
            members = spare;
            spare = now;
            for (int i = 0; i < now.size(); i++) {
                now.get(i).flushBatch();
            }
            now.clear();
        }
    }

    private final EventLoop loop;
    private final Listing thisRound = new Listing(1);
    private final Runnable flushTask = thisRound::flush;
    private final Listing deferred = new Listing(-1);
    private int heldRounds;

    private long windowStartNanos;
    private long windowStartRound = 1;
    private int sessionsInWindow;
    private boolean busy;

    public WriteBatch(EventLoop loop) {
        this.loop = loop;
    }

    public EventLoop loop() {
        return loop;
    }

    /** Makes this the batch of the calling thread, its loop, for {@link #attached()}; run on the loop. */
    public void attach() {
        ATTACHED.set(this);
    }

    /** The batch {@linkplain #attach() attached} to the calling thread, or null. */
    public static WriteBatch attached() {
        return ATTACHED.getIfExists();
    }

    /**
     * Flushes {@code member} after the current round unless {@code stamp} (what the last call
     * returned for this member, 0 at first) shows it is already listed; returns the new stamp.
     */
    public long add(Member member, long stamp) {
        if (stamp == thisRound.stamp) {
            return stamp;
        }
        if (stamp < windowStartRound) {
            sessionsInWindow++;
        }
        if (thisRound.isEmpty()) {
            loop.execute(flushTask);
        }
        return thisRound.add(member);
    }

    /**
     * Flushes {@code member} when the loop finds nothing more to read or after {@link #DEFER_ROUNDS}
     * rounds if the loop is busy, after the current round otherwise; returns the new stamp (see
     * {@link #add}).
     */
    public long addDeferred(Member member, long stamp) {
        if (!busy) {
            return add(member, stamp);
        }
        return stamp == deferred.stamp ? stamp : deferred.add(member);
    }

    /** Whether writes wait for {@link #endRound}. */
    public boolean hasDeferred() {
        return !deferred.isEmpty();
    }

    /**
     * Whether the last full window saw {@link #BUSY_SESSIONS} sessions get replies; starts a new window
     * once one has passed. Only the select strategy asks, so a loop it does not pace is never busy.
     */
    public boolean busy(long nowNanos) {
        if (nowNanos - windowStartNanos >= WINDOW_NANOS) {
            busy = sessionsInWindow >= BUSY_SESSIONS;
            sessionsInWindow = 0;
            windowStartRound = thisRound.stamp;
            windowStartNanos = nowNanos;
        }
        return busy;
    }

    /**
     * Called by the select strategy before each round: {@code idle} when nothing is ready to read.
     * Flushes the deferred writes when idle or when they have waited {@link #DEFER_ROUNDS} rounds.
     */
    public void endRound(boolean idle) {
        if (deferred.isEmpty() || (!idle && ++heldRounds < DEFER_ROUNDS)) {
            return;
        }
        heldRounds = 0;
        deferred.flush();
    }

    /** Flushes now every member added so far, deferred ones included. */
    public void flush() {
        thisRound.flush();
        endRound(true);
    }
}
