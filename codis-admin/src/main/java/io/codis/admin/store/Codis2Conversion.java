package io.codis.admin.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.model.Group;
import io.codis.common.model.GroupServer;
import io.codis.common.model.SlotMapping;
import io.codis.common.slot.SlotHash;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --config-convert}: a Codis 2.x dump ({@code --config-dump -1}) to a 3.x one, as the
 * original maps it: online slots keep their group, offline ones are left out, any other state is
 * refused; each group's master goes first, then its other servers; proxies are not converted.
 */
final class Codis2Conversion {
    static final int MAX_GROUP_ID = 9999;

    private Codis2Conversion() {
    }

    /** The 3.x document; fails with {@link IllegalArgumentException} naming what is wrong. */
    static ConfigV3 convert(JsonNode dump) {
        if (!dump.isObject()) {
            throw new IllegalArgumentException("invalid config file");
        }
        List<SlotMapping> slots = dump.hasNonNull("slots") ? slots(dump.get("slots")) : List.of();
        List<Group> groups = dump.hasNonNull("servers") ? groups(dump.get("servers")) : List.of();
        return new ConfigV3(slots, groups, List.of());
    }

    private static List<SlotMapping> slots(JsonNode slotsNode) {
        Map<Integer, SlotMapping> slots = new TreeMap<>();
        for (JsonNode slot : objectValues(slotsNode)) {
            int sid = slot.path("id").asInt();
            if (sid < 0 || sid >= SlotHash.SLOT_COUNT) {
                throw new IllegalArgumentException("invalid slot id = " + sid);
            }
            if (slots.containsKey(sid)) {
                throw new IllegalArgumentException(String.format("slot-%04d already exists", sid));
            }
            String status = slot.path("state").path("status").asText("");
            switch (status) {
                case "offline" -> slots.put(sid, null);
                case "online" -> slots.put(sid, SlotMapping.assigned(sid, slot.path("group_id").asInt()));
                default -> throw new IllegalArgumentException("invalid slot status");
            }
        }
        return slots.values().stream().filter(s -> s != null).toList();
    }

    private static List<Group> groups(JsonNode serversNode) {
        Map<Integer, List<GroupServer>> groups = new TreeMap<>();
        for (JsonNode group : objectValues(serversNode)) {
            for (JsonNode server : objectValues(group)) {
                int gid = server.path("group_id").asInt();
                if (gid <= 0 || gid > MAX_GROUP_ID) {
                    throw new IllegalArgumentException("invalid group = " + gid);
                }
                List<GroupServer> servers = groups.computeIfAbsent(gid, id -> new ArrayList<>());
                GroupServer converted = GroupServer.of(server.path("addr").asText(""), "");
                if (server.path("type").asText("").equals("master")) {
                    servers.add(0, converted);
                } else {
                    servers.add(converted);
                }
            }
        }
        List<Group> converted = new ArrayList<>();
        groups.forEach((gid, servers) -> converted.add(Group.create(gid).withServers(servers)));
        return converted;
    }

    private static List<JsonNode> objectValues(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("invalid format");
        }
        List<JsonNode> values = new ArrayList<>();
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            JsonNode value = it.next();
            if (!value.isObject()) {
                throw new IllegalArgumentException("invalid format");
            }
            values.add(value);
        }
        return values;
    }
}
