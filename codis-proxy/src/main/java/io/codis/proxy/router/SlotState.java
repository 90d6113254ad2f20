package io.codis.proxy.router;

import io.codis.common.model.Slot;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One slot as the data plane routes it: its current {@link Slot} (never null; an unfilled slot has an
 * empty backend), and the barrier of proxy-dataplane.md "Filling a slot": a fill holds the slot,
 * waits for its in-flight requests to drain, swaps the route and releases it unless locked.
 *
 * <p>Hot path protocol (lock free, Dekker style on volatile/atomic accesses): a session calls
 * {@link #tryEnter()} before it sends a request for the slot and {@link #exit()} when the reply (or
 * failure) arrives. When {@link #tryEnter()} returns false the slot is held: the session must not send,
 * and registers {@link #onRelease(Runnable)} to resume (it never blocks its event loop).
 */
public final class SlotState {

    private final int id;
    private volatile Slot slot;
    private volatile boolean filled;
    private volatile boolean held;
    private volatile boolean switched;
    private final AtomicInteger inflight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Runnable> waiters = new ConcurrentLinkedQueue<>();

    SlotState(int id) {
        this.id = id;
        this.slot = Slot.unfilled(id);
    }

    public int id() {
        return id;
    }

    /** The slot as last filled. */
    public Slot slot() {
        return slot;
    }

    boolean isFilled() {
        return filled;
    }

    /** Counts a request in flight unless the slot is held; false means: hold the request until released. */
    public boolean tryEnter() {
        inflight.incrementAndGet();
        if (held) {
            inflight.decrementAndGet();
            return false;
        }
        return true;
    }

    /** The reply (or failure) of a request counted by {@link #tryEnter()} arrived. */
    public void exit() {
        inflight.decrementAndGet();
    }

    /**
     * Runs {@code resume} (on the releasing thread, or at once on the caller's) when the slot is not
     * held; the callback must hop to its own event loop.
     */
    public void onRelease(Runnable resume) {
        waiters.add(resume);
        if (!held) {
            wakeWaiters();
        }
    }

    public boolean isHeld() {
        return held;
    }

    boolean isSwitched() {
        return switched;
    }

    void markSwitched(boolean value) {
        switched = value;
    }

    int inflight() {
        return inflight.get();
    }

    /** Step 1 of a fill: hold new requests. */
    void hold() {
        held = true;
    }

    /** Step 2: wait for in-flight requests of the old route. */
    void awaitDrained() {
        long spins = 0;
        while (inflight.get() > 0) {
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while slot " + id + " drains", e);
                }
            }
        }
    }

    /** Steps 3 and 4: swap, release unless locked. */
    void install(Slot newSlot, boolean markFilled) {
        slot = newSlot;
        if (markFilled) {
            filled = true;
        }
        if (!newSlot.locked()) {
            held = false;
            wakeWaiters();
        }
    }

    private void wakeWaiters() {
        Runnable waiter;
        while ((waiter = waiters.poll()) != null) {
            try {
                waiter.run();
            } catch (RuntimeException e) {
                // a session whose event loop is shut down: nothing left to resume
            }
        }
    }
}
