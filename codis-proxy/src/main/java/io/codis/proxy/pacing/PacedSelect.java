package io.codis.proxy.pacing;

import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.util.IntSupplier;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * How an event loop waits for I/O. A quiet loop behaves like Netty's default: it blocks until a socket
 * is ready, and every write goes out at the end of the round that made it. A busy loop (many sessions
 * with replies in the last millisecond, see {@link WriteBatch#busy}) that finds nothing ready sleeps
 * {@link #GATHER_NANOS} instead of blocking, so the requests and replies that arrive meanwhile are
 * read in one round, and no sender pays for waking it on every packet; its backend writes go out when
 * a poll finds nothing more to read or after {@link WriteBatch#DEFER_ROUNDS} rounds, so each write to a
 * backend carries the requests of several clients. A quiet loop (a handful of clients) never sleeps
 * and never holds a write while it would otherwise wait. Used when {@link Pacing} is on.
 */
public final class PacedSelect implements SelectStrategy {

    /** How long a busy loop with nothing to read sleeps before it looks again. */
    static final long GATHER_NANOS = 10_000;

    static final SelectStrategyFactory FACTORY = () -> new PacedSelect(System::nanoTime);

    private final LongSupplier clock;
    private WriteBatch batch;

    PacedSelect(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        WriteBatch b = batch;
        if (b == null) {
            b = WriteBatch.attached();
            if (b == null) {
                return hasTasks ? selectNow.get() : SELECT;
            }
            batch = b;
        }
        boolean busy = b.busy(clock.getAsLong());
        if (!hasTasks && !busy && !b.hasDeferred()) {
            return SELECT;
        }
        int ready = selectNow.get();
        if (ready == 0 && !hasTasks && busy) {
            LockSupport.parkNanos(GATHER_NANOS);
            ready = selectNow.get();
        }
        b.endRound(ready == 0);
        if (ready > 0) {
            return ready;
        }
        return hasTasks ? 0 : SELECT;
    }
}
