package io.codis.admin.store;

import io.codis.common.model.Group;
import io.codis.common.model.GroupServer;
import io.codis.common.model.Proxy;
import io.codis.common.model.SlotMapping;
import io.codis.common.slot.SlotHash;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The checks {@code --config-restore} makes of a 3.x document before it writes anything, with the original's wording. */
final class RestoreCheck {
    private RestoreCheck() {
    }

    /** Fails with {@link IllegalArgumentException} at the first problem. */
    static void verify(ConfigV3 config) {
        Set<String> tokens = new HashSet<>();
        for (Proxy proxy : config.proxies()) {
            if (!tokens.add(proxy.token())) {
                throw new IllegalArgumentException("proxy-" + proxy.token() + " already exists");
            }
        }
        Map<Integer, Group> groups = new HashMap<>();
        Set<String> servers = new HashSet<>();
        for (Group group : config.groups()) {
            if (group.id() <= 0 || group.id() > Codis2Conversion.MAX_GROUP_ID) {
                throw new IllegalArgumentException("invalid group id = " + group.id());
            }
            if (groups.putIfAbsent(group.id(), group) != null) {
                throw new IllegalArgumentException(String.format("group-%04d already exists", group.id()));
            }
            if (!group.promoting().state().isEmpty()) {
                throw new IllegalArgumentException(String.format("gorup-%04d is promoting", group.id()));
            }
            for (GroupServer server : group.servers()) {
                if (!servers.add(server.addr())) {
                    throw new IllegalArgumentException("server " + server.addr() + " already exists");
                }
            }
        }
        Set<Integer> slots = new HashSet<>();
        for (SlotMapping slot : config.slots()) {
            if (slot.id() < 0 || slot.id() >= SlotHash.SLOT_COUNT) {
                throw new IllegalArgumentException("invalid slot id = " + slot.id());
            }
            if (!slots.add(slot.id())) {
                throw new IllegalArgumentException(String.format("slot-%04d already exists", slot.id()));
            }
            if (!slot.action().state().isEmpty()) {
                throw new IllegalArgumentException(String.format("slot-%04d action is not empty", slot.id()));
            }
            Group group = groups.get(slot.groupId());
            if (group == null || group.servers().isEmpty()) {
                throw new IllegalArgumentException(String.format("slot-%04d with group-%04d doesn't exist or empty",
                        slot.id(), slot.groupId()));
            }
        }
    }
}
