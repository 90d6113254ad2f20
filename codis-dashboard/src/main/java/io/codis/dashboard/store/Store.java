package io.codis.dashboard.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.codis.common.coordinator.CodisPaths;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.http.ApiError;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.Group;
import io.codis.common.model.Proxy;
import io.codis.common.model.Sentinel;
import io.codis.common.model.SlotMapping;
import io.codis.common.model.Topom;
import io.codis.common.slot.SlotHash;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One product's models in the coordinator (models-and-storage.md "Coordinator path layout"): every
 * successful write is logged at WARN with its JSON, every failure is an {@link ApiError}
 * {@code store: ... failed}.
 */
public final class Store {
    private static final Logger LOG = LoggerFactory.getLogger(Store.class);
    private static final TypeReference<List<String>> OLD_MASTERS = new TypeReference<>() { };

    private final Coordinator coordinator;
    private final String product;

    public Store(Coordinator coordinator, String product) {
        this.coordinator = coordinator;
        this.product = product;
    }

    public String product() {
        return product;
    }

    public Coordinator coordinator() {
        return coordinator;
    }

    /** Creates the lock node; fails (with the coordinator's error) when it exists. */
    public void acquire(Topom topom) {
        coordinator.create(CodisPaths.topom(product), JsonCodec.prettyBytes(topom));
    }

    public void release() {
        try {
            coordinator.delete(CodisPaths.topom(product));
        } catch (RuntimeException e) {
            throw new ApiError("store: release lock of " + product + " failed", e);
        }
    }

    public Optional<Topom> loadTopom() {
        return coordinator.read(CodisPaths.topom(product)).map(json -> JsonCodec.read(json, Topom.class));
    }

    public SlotMapping[] loadSlots() {
        try {
            SlotMapping[] slots = new SlotMapping[SlotHash.SLOT_COUNT];
            for (int sid = 0; sid < slots.length; sid++) {
                slots[sid] = SlotMapping.offline(sid);
            }
            // only the slots written so far have a node: read those (a missing node is an offline slot)
            for (String path : coordinator.list(CodisPaths.slotDir(product))) {
                int sid = slotIdOf(path);
                if (sid >= 0) {
                    slots[sid] = loadSlot(sid);
                }
            }
            return slots;
        } catch (RuntimeException e) {
            throw new ApiError("store: load slots failed", e);
        }
    }

    /** {@code .../slot-0009} → 9; -1 for any other name. */
    private static int slotIdOf(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (!name.matches("slot-\\d{4}")) {
            return -1;
        }
        int sid = Integer.parseInt(name.substring(5));
        return SlotHash.isValidSlot(sid) ? sid : -1;
    }

    public SlotMapping loadSlot(int sid) {
        try {
            return coordinator.read(CodisPaths.slot(product, sid))
                    .map(json -> JsonCodec.read(json, SlotMapping.class))
                    .orElse(SlotMapping.offline(sid));
        } catch (RuntimeException e) {
            throw new ApiError("store: load slots failed", e);
        }
    }

    public Map<Integer, Group> loadGroups() {
        try {
            Map<Integer, Group> groups = new LinkedHashMap<>();
            for (String path : coordinator.list(CodisPaths.groupDir(product))) {
                coordinator.read(path).map(json -> JsonCodec.read(json, Group.class)).ifPresent(g -> groups.put(g.id(), g));
            }
            return groups;
        } catch (RuntimeException e) {
            throw new ApiError("store: load group failed", e);
        }
    }

    public Optional<Group> loadGroup(int gid) {
        try {
            return coordinator.read(CodisPaths.group(product, gid)).map(json -> JsonCodec.read(json, Group.class));
        } catch (RuntimeException e) {
            throw new ApiError("store: load group failed", e);
        }
    }

    public Map<String, Proxy> loadProxies() {
        try {
            Map<String, Proxy> proxies = new LinkedHashMap<>();
            for (String path : coordinator.list(CodisPaths.proxyDir(product))) {
                coordinator.read(path).map(json -> JsonCodec.read(json, Proxy.class)).ifPresent(p -> proxies.put(p.token(), p));
            }
            return proxies;
        } catch (RuntimeException e) {
            throw new ApiError("store: load proxy failed", e);
        }
    }

    public Optional<Proxy> loadProxy(String token) {
        try {
            return coordinator.read(CodisPaths.proxy(product, token)).map(json -> JsonCodec.read(json, Proxy.class));
        } catch (RuntimeException e) {
            throw new ApiError("store: load proxy failed", e);
        }
    }

    public Sentinel loadSentinel() {
        try {
            return coordinator.read(CodisPaths.sentinel(product)).map(json -> JsonCodec.read(json, Sentinel.class))
                    .orElse(Sentinel.NONE);
        } catch (RuntimeException e) {
            throw new ApiError("store: load sentinel failed", e);
        }
    }

    /** The old masters waiting to be re-attached ({@link CodisPaths#oldMasters}); empty when none are stored. */
    public List<String> loadOldMasters() {
        try {
            return coordinator.read(CodisPaths.oldMasters(product)).map(json -> JsonCodec.read(json, OLD_MASTERS))
                    .orElse(List.of());
        } catch (RuntimeException e) {
            throw new ApiError("store: load old-masters failed", e);
        }
    }

    /** Stores the old masters waiting to be re-attached; none removes the node. */
    public void updateOldMasters(List<String> servers) {
        write(CodisPaths.oldMasters(product), servers, "update old-masters", servers.isEmpty());
    }

    public void updateSlot(SlotMapping m) {
        write(CodisPaths.slot(product, m.id()), m, "update slot-[" + m.id() + "]", false);
    }

    /** Writes the slots side by side; returns once all are written, or throws the first failure after all ended. */
    public void updateSlots(List<SlotMapping> slots) {
        ParallelWrites.runAll(slots.stream().<Runnable>map(m -> () -> updateSlot(m)).toList());
    }

    public void createGroup(Group g) {
        write(CodisPaths.group(product, g.id()), g, "create group-[" + g.id() + "]", false);
    }

    public void updateGroup(Group g) {
        write(CodisPaths.group(product, g.id()), g, "update group-[" + g.id() + "]", false);
    }

    public void removeGroup(Group g) {
        write(CodisPaths.group(product, g.id()), g, "remove group-[" + g.id() + "]", true);
    }

    public void createProxy(Proxy p) {
        write(CodisPaths.proxy(product, p.token()), p, "create proxy-[" + p.token() + "]", false);
    }

    public void updateProxy(Proxy p) {
        write(CodisPaths.proxy(product, p.token()), p, "update proxy-[" + p.token() + "]", false);
    }

    public void removeProxy(Proxy p) {
        write(CodisPaths.proxy(product, p.token()), p, "remove proxy-[" + p.token() + "]", true);
    }

    public void updateSentinel(Sentinel s) {
        write(CodisPaths.sentinel(product), s, "update sentinel", false);
    }

    private void write(String path, Object model, String what, boolean delete) {
        try {
            if (delete) {
                coordinator.delete(path);
            } else {
                coordinator.update(path, JsonCodec.prettyBytes(model));
            }
        } catch (RuntimeException e) {
            LOG.error("store: {} failed: {}", what, e.toString());
            throw new ApiError("store: " + what + " failed", e);
        }
        LOG.warn("{}:\n{}", what, JsonCodec.pretty(model));
    }

    /** All 1024 slots as a list. */
    public static List<SlotMapping> asList(SlotMapping[] slots) {
        return new ArrayList<>(List.of(slots));
    }
}
