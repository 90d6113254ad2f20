package io.codis.dashboard.store;

import io.codis.common.model.Group;
import io.codis.common.model.Proxy;
import io.codis.common.model.Sentinel;
import io.codis.common.model.SlotMapping;
import io.codis.common.slot.SlotHash;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard's cache of the store (models-and-storage.md "How the dashboard reads and caches the
 * store"): everything is loaded on first use; every write goes through here to the store and marks its
 * entry dirty, so that it is re-read alone on the next use (a slot written without an error is kept
 * as written instead: slot steps write hundreds at once); {@link #clear()} (reload) drops everything.
 * Not thread-safe: the dashboard's lock guards it.
 */
public final class StoreCache {
    private final Store store;
    private SlotMapping[] slots;
    private Map<Integer, Group> groups;
    private Map<String, Proxy> proxies;
    private Sentinel sentinel;
    private final Set<Integer> dirtySlots = new HashSet<>();
    private final Set<Integer> dirtyGroups = new HashSet<>();
    private final Set<String> dirtyProxies = new HashSet<>();
    private boolean dirtySentinel;

    public StoreCache(Store store) {
        this.store = store;
    }

    public void clear() {
        slots = null;
        groups = null;
        proxies = null;
        sentinel = null;
        dirtySlots.clear();
        dirtyGroups.clear();
        dirtyProxies.clear();
        dirtySentinel = false;
    }

    public void updateSlot(SlotMapping m) {
        updateSlots(List.of(m));
    }

    /**
     * Writes the slots (side by side) and keeps what was written: a slot's node is written by this
     * dashboard alone, so reading it back would give the same. Any failure leaves them all dirty.
     */
    public void updateSlots(List<SlotMapping> written) {
        written.forEach(m -> dirtySlots.add(m.id()));
        store.updateSlots(written);
        if (slots != null) {
            for (SlotMapping m : written) {
                slots[m.id()] = m;
                dirtySlots.remove(m.id());
            }
        }
    }

    public void createGroup(Group g) {
        dirtyGroups.add(g.id());
        store.createGroup(g);
    }

    public void updateGroup(Group g) {
        dirtyGroups.add(g.id());
        store.updateGroup(g);
    }

    public void removeGroup(Group g) {
        dirtyGroups.add(g.id());
        store.removeGroup(g);
    }

    public void createProxy(Proxy p) {
        dirtyProxies.add(p.token());
        store.createProxy(p);
    }

    public void updateProxy(Proxy p) {
        dirtyProxies.add(p.token());
        store.updateProxy(p);
    }

    public void removeProxy(Proxy p) {
        dirtyProxies.add(p.token());
        store.removeProxy(p);
    }

    public void updateSentinel(Sentinel s) {
        dirtySentinel = true;
        store.updateSentinel(s);
    }

    /** Loads what is missing, re-reads what is dirty, and returns a consistent view. */
    /** Not cached: read once when the dashboard goes online. */
    public List<String> loadOldMasters() {
        return store.loadOldMasters();
    }

    public void updateOldMasters(List<String> servers) {
        store.updateOldMasters(servers);
    }

    public Topology refill(int forwardMethod) {
        if (slots == null) {
            slots = store.loadSlots();
            dirtySlots.clear();
        } else {
            for (int sid : dirtySlots) {
                slots[sid] = store.loadSlot(sid);
            }
            dirtySlots.clear();
        }
        if (groups == null) {
            groups = store.loadGroups();
            dirtyGroups.clear();
        } else {
            for (int gid : dirtyGroups) {
                store.loadGroup(gid).ifPresentOrElse(g -> groups.put(gid, g), () -> groups.remove(gid));
            }
            dirtyGroups.clear();
        }
        if (proxies == null) {
            proxies = store.loadProxies();
            dirtyProxies.clear();
        } else {
            for (String token : dirtyProxies) {
                store.loadProxy(token).ifPresentOrElse(p -> proxies.put(token, p), () -> proxies.remove(token));
            }
            dirtyProxies.clear();
        }
        if (sentinel == null || dirtySentinel) {
            sentinel = store.loadSentinel();
            dirtySentinel = false;
        }
        SlotMapping[] copy = slots.clone();
        if (copy.length != SlotHash.SLOT_COUNT) {
            throw new IllegalStateException("invalid number of slots = " + copy.length + "/1024");
        }
        return new Topology(copy, new LinkedHashMap<>(groups), new LinkedHashMap<>(proxies), sentinel, forwardMethod);
    }
}
