package io.codis.admin.store;

import io.codis.common.cli.FatalError;
import io.codis.common.coordinator.CodisPaths;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.Group;
import io.codis.common.model.Proxy;
import io.codis.common.model.SlotMapping;
import io.codis.common.slot.SlotHash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** One product's slots, groups and proxies in the coordinator, read and written as the original's store does. */
final class ProductTopology {
    private final Coordinator coordinator;
    private final String product;

    ProductTopology(Coordinator coordinator, String product) {
        this.coordinator = coordinator;
        this.product = product;
    }

    /** Groups by id (the id inside each document, as the original keys them). */
    List<Group> groups() {
        List<Group> groups = readAll(CodisPaths.groupDir(product), Group.class, "group");
        groups.sort(Comparator.comparingInt(Group::id));
        return groups;
    }

    /** Proxies by id. */
    List<Proxy> proxies() {
        List<Proxy> proxies = readAll(CodisPaths.proxyDir(product), Proxy.class, "proxy");
        proxies.sort(Comparator.comparingInt(Proxy::id));
        return proxies;
    }

    /** All 1024 slots; a slot without a node is offline. */
    List<SlotMapping> slots() {
        List<SlotMapping> slots = new ArrayList<>(SlotHash.SLOT_COUNT);
        for (int sid = 0; sid < SlotHash.SLOT_COUNT; sid++) {
            slots.add(SlotMapping.offline(sid));
        }
        for (SlotMapping slot : readAll(CodisPaths.slotDir(product), SlotMapping.class, "slots")) {
            if (slot.id() >= 0 && slot.id() < SlotHash.SLOT_COUNT) {
                slots.set(slot.id(), slot);
            }
        }
        return slots;
    }

    /** Writes every slot, then every group, then every proxy of {@code config}. */
    void write(ConfigV3 config) {
        config.slots().forEach(s -> update(CodisPaths.slot(product, s.id()), s, "slot-[" + s.id() + "]"));
        config.groups().forEach(g -> update(CodisPaths.group(product, g.id()), g, "group-[" + g.id() + "]"));
        config.proxies().forEach(p -> update(CodisPaths.proxy(product, p.token()), p, "proxy-[" + p.token() + "]"));
    }

    private void update(String path, Object model, String what) {
        try {
            coordinator.update(path, JsonCodec.prettyBytes(model));
        } catch (RuntimeException e) {
            throw new FatalError("store: update " + what + " failed: " + e.getMessage(), e);
        }
    }

    private <T> List<T> readAll(String dir, Class<T> type, String what) {
        Function<byte[], T> decode = json -> JsonCodec.read(json, type);
        try {
            List<T> models = new ArrayList<>();
            for (String path : coordinator.list(dir)) {
                coordinator.read(path).map(decode).ifPresent(models::add);
            }
            return models;
        } catch (RuntimeException e) {
            throw new FatalError("store: load " + what + " failed: " + e.getMessage(), e);
        }
    }
}
