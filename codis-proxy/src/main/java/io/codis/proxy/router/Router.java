package io.codis.proxy.router;

import io.codis.common.config.ProxyConfig;
import io.codis.common.model.Slot;
import io.codis.common.slot.SlotHash;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's routing table: 1024 slots, each with its backend (and migration source and replica
 * groups), and whether the proxy is online. The admin API fills and reads it; the data plane routes
 * every request through it.
 */
public final class Router implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final SlotState[] slots = new SlotState[SlotHash.SLOT_COUNT];
    private final boolean primaryOnly;
    private final Object fillLock = new Object();
    private final List<Consumer<Set<String>>> addressListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Set<String>>> addedListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> closeHooks = new CopyOnWriteArrayList<>();
    private final List<Runnable> fillListeners = new CopyOnWriteArrayList<>();
    private volatile boolean online;
    private volatile boolean closed;
    private volatile Set<String> addresses = Set.of();
    private volatile List<String> masters = List.of();

    public Router(ProxyConfig config) {
        this.primaryOnly = config.backendPrimaryOnly();
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new SlotState(i);
        }
    }

    /** Puts the router online: client sessions are accepted from now on. Idempotent. */
    public void start() {
        synchronized (fillLock) {
            if (!closed) {
                online = true;
            }
        }
    }

    /** Started and not closed. */
    public boolean isOnline() {
        return online && !closed;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Replaces each given slot in order, as proxy-dataplane.md "Filling a slot" says: blocks the slot,
     * waits for its in-flight requests, swaps the backends, unblocks it unless {@code locked}. Returns
     * when every slot is replaced. Elements before a failing one stay applied.
     *
     * @throws IllegalStateException "use of closed router"
     * @throws IllegalArgumentException "use of invalid slot id", "use of invalid forwarder method"
     */
    public void fillSlots(List<Slot> newSlots) {
        fill(newSlots, false);
    }

    /**
     * A fill caused by a sentinel switch (proxy-dataplane.md "Following sentinel switches"): the same as
     * {@link #fillSlots} but the slots are marked switched ({@link #isSwitched()}) and each log line
     * ends with {@code , +switched}; a later {@link #fillSlots} of a slot clears its mark.
     */
    public void fillSwitchedSlots(List<Slot> newSlots) {
        fill(newSlots, true);
    }

    /**
     * {@link #fillSwitchedSlots} of those of {@code newSlots} whose slot still has the backend and
     * migration source of the one at the same position in {@code seen}: a fill by the dashboard since
     * {@code seen} was read wins over a switch computed from it.
     */
    public void fillSwitchedSlotsUnchangedSince(List<Slot> seen, List<Slot> newSlots) {
        synchronized (fillLock) {
            List<Slot> unchanged = new ArrayList<>();
            for (int i = 0; i < newSlots.size(); i++) {
                Slot before = seen.get(i);
                SlotState state = slots[before.id()];
                Slot now = state.isFilled() ? state.slot() : null;
                if (now != null && now.backendAddr().equals(before.backendAddr())
                        && now.migrateFrom().equals(before.migrateFrom())) {
                    unchanged.add(newSlots.get(i));
                }
            }
            fill(unchanged, true);
        }
    }

    /** Whether some slot's backend was replaced by a sentinel switch since the dashboard last filled it. */
    public boolean isSwitched() {
        for (SlotState state : slots) {
            if (state.isSwitched()) {
                return true;
            }
        }
        return false;
    }

    private void fill(List<Slot> newSlots, boolean switched) {
        synchronized (fillLock) {
            try {
                for (Slot s : newSlots) {
                    if (closed) {
                        throw new IllegalStateException("use of closed router");
                    }
                    if (!SlotHash.isValidSlot(s.id())) {
                        throw new IllegalArgumentException("use of invalid slot id");
                    }
                    if (s.forwardMethod() != Slot.FORWARD_SYNC && s.forwardMethod() != Slot.FORWARD_SEMI_ASYNC) {
                        throw new IllegalArgumentException("use of invalid forwarder method");
                    }
                    fill(s, true);
                    slots[s.id()].markSwitched(switched);
                    StringBuilder line = new StringBuilder(96);
                    line.append(String.format("fill slot %04d, backend.addr = %s", s.id(), s.backendAddr()));
                    if (!s.migrateFrom().isEmpty()) {
                        line.append(", migrate.from = ").append(s.migrateFrom());
                    }
                    line.append(", locked = ").append(s.locked());
                    if (switched) {
                        line.append(", +switched");
                    }
                    LOG.warn("{}", line);
                }
            } finally {
                refreshAddresses();
            }
        }
    }

    private void fill(Slot s, boolean markFilled) {
        SlotState state = slots[s.id()];
        state.hold();
        state.awaitDrained();
        Slot installed = primaryOnly && !s.replicaGroups().isEmpty()
                ? new Slot(s.id(), s.locked(), s.backendAddr(), s.backendAddrGroupId(), s.migrateFrom(),
                        s.migrateFromGroupId(), s.forwardMethod(), List.of())
                : s;
        state.install(installed, markFilled);
    }

    /** The 1024 slots as last filled ({@code {"id": n}} for a slot never filled), with {@code locked} as it is now. */
    public List<Slot> slots() {
        List<Slot> view = new ArrayList<>(slots.length);
        for (SlotState state : slots) {
            if (!state.isFilled()) {
                view.add(Slot.unfilled(state.id()));
            } else {
                Slot s = state.slot();
                view.add(s.locked() == state.isHeld() ? s : s.withLocked(state.isHeld()));
            }
        }
        return view;
    }

    /** Closes the router and every backend connection; sessions get "router is not online" from now on. */
    @Override
    public void close() {
        synchronized (fillLock) {
            if (closed) {
                return;
            }
            closed = true;
            online = false;
            for (SlotState state : slots) {
                Slot old = state.slot();
                fill(new Slot(state.id(), false, "", 0, "", 0, old.forwardMethod(), List.of()), false);
            }
            refreshAddresses();
        }
        for (Runnable hook : closeHooks) {
            hook.run();
        }
    }

    /** The slot the data plane routes through (hot path). */
    public SlotState slot(int id) {
        return slots[id];
    }

    /** Whether some slot names {@code addr} as its backend, migration source or replica (PING/INFO/SLOTSINFO targets). */
    public boolean isBackendAddress(String addr) {
        return addresses.contains(addr);
    }

    /** Every backend address some slot names now. */
    public Set<String> backendAddresses() {
        return addresses;
    }

    /**
     * The masters of every group some slot is served by or migrates from, sorted: the groups a
     * whole-keyspace command (SCAN, DBSIZE...) reads and where SCRIPT and FUNCTION go, in an order
     * that stays put between fills.
     */
    public List<String> masters() {
        return masters;
    }

    /** Called (on the filling thread) with the addresses no slot names any more after a fill. */
    public void onAddressesDropped(Consumer<Set<String>> listener) {
        addressListeners.add(listener);
    }

    /** Called (on the filling thread) with the addresses that slots name after a fill and did not before. */
    public void onAddressesAdded(Consumer<Set<String>> listener) {
        addedListeners.add(listener);
    }

    /**
     * Called (on the filling thread) after every fill, with the new slots installed and before the
     * address listeners: a fill returns only once it returned.
     */
    public void onFilled(Runnable listener) {
        fillListeners.add(listener);
    }

    /** Called once when the router closes, after every slot went offline. */
    public void onClose(Runnable hook) {
        closeHooks.add(hook);
    }

    private void refreshAddresses() {
        Set<String> now = new HashSet<>();
        Set<String> primaries = new TreeSet<>();
        for (SlotState state : slots) {
            Slot s = state.slot();
            if (!s.backendAddr().isEmpty()) {
                primaries.add(s.backendAddr());
            }
            if (!s.migrateFrom().isEmpty()) {
                primaries.add(s.migrateFrom());
            }
            for (List<String> group : s.replicaGroups()) {
                now.addAll(group);
            }
        }
        now.addAll(primaries);
        Set<String> dropped = new HashSet<>(addresses);
        dropped.removeAll(now);
        Set<String> added = new HashSet<>(now);
        added.removeAll(addresses);
        addresses = Set.copyOf(now);
        masters = List.copyOf(primaries);
        for (Runnable listener : fillListeners) {
            listener.run();
        }
        if (!added.isEmpty()) {
            for (Consumer<Set<String>> listener : addedListeners) {
                listener.accept(Set.copyOf(added));
            }
        }
        if (!dropped.isEmpty()) {
            for (Consumer<Set<String>> listener : addressListeners) {
                listener.accept(Set.copyOf(dropped));
            }
        }
    }
}
