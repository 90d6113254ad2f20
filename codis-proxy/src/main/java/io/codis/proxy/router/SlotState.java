package io.codis.proxy.router;

import io.codis.common.model.Slot;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One slot as the data plane routes it: its current {@link Slot} (never null; an unfilled slot has an
 * empty backend), and the barrier of proxy-dataplane.md "Filling a slot": a fill holds the slot,
 * waits for its in-flight requests to drain, swaps the route and releases it unless locked.
 *
 * <p>Hot path protocol (lock free, Dekker style on volatile/atomic accesses): a session calls
 * {@link #tryEnter()} before it sends a request for the slot and {@link #exit()} when the reply (or
 * failure) arrives. When {@link #tryEnter()} returns false the slot is held: the session must not send,
 * and registers {@link #onRelease(Runnable)} to resume (it never blocks its event loop).
 *
 * <p>What a request needs to route (held, the in-flight count, offline, migrating, reads from replicas) sits in
 * this object's own fields, so routing a key touches this object and not the {@link Slot} with its
 * strings and lists: with random keys over 1,024 slots those were cache misses on every key.
 */
public final class SlotState {

    private static final VarHandle INFLIGHT;

    static {
        try {
            INFLIGHT = MethodHandles.lookup().findVarHandle(SlotState.class, "inflight", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int id;
    private volatile Slot slot;
    private volatile boolean offline = true;
    private volatile boolean readsReplicas;
    private volatile boolean migrating;
    private volatile boolean filled;
    private volatile boolean held;
    private volatile boolean switched;
    private volatile int inflight;
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

    /** No backend: requests get "slot is not ready". */
    public boolean isOffline() {
        return offline;
    }

    /** Replica groups are filled and no migration runs: reads may go to a replica. */
    public boolean readsReplicas() {
        return readsReplicas;
    }

    /** {@code migrate_from} is set: requests with a key are migration-handled (proxy-dataplane.md "Slots under migration"). */
    public boolean isMigrating() {
        return migrating;
    }

    boolean isFilled() {
        return filled;
    }

    /** Counts a request in flight unless the slot is held; false means: hold the request until released. */
    public boolean tryEnter() {
        INFLIGHT.getAndAdd(this, 1);
        if (held) {
            INFLIGHT.getAndAdd(this, -1);
            return false;
        }
        return true;
    }

    /** The reply (or failure) of a request counted by {@link #tryEnter()} arrived. */
    public void exit() {
        INFLIGHT.getAndAdd(this, -1);
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
        return inflight;
    }

    /** Step 1 of a fill: hold new requests. */
    void hold() {
        held = true;
    }

    /** Step 2: wait for in-flight requests of the old route. */
    void awaitDrained() {
        long spins = 0;
        while (inflight > 0) {
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
        offline = newSlot.backendAddr().isEmpty();
        migrating = !newSlot.migrateFrom().isEmpty();
        readsReplicas = !migrating && !newSlot.replicaGroups().isEmpty();
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
