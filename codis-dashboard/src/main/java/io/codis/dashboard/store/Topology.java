package io.codis.dashboard.store;

import io.codis.common.http.ApiError;
import io.codis.common.model.Group;
import io.codis.common.model.GroupServer;
import io.codis.common.model.PromotingState;
import io.codis.common.model.Proxy;
import io.codis.common.model.Sentinel;
import io.codis.common.model.Slot;
import io.codis.common.model.SlotActionState;
import io.codis.common.model.SlotMapping;
import io.codis.common.rpc.HostPort;
import io.codis.common.slot.SlotHash;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of the cached store (the original's {@code context}): lookups with the original's error
 * texts, and the proxy view of each slot (migration-and-ha.md "What proxies see in each state").
 */
public final class Topology {
    private final SlotMapping[] slots;
    private final Map<Integer, Group> groups;
    private final Map<String, Proxy> proxies;
    private final Sentinel sentinel;
    private final int forwardMethod;

    Topology(SlotMapping[] slots, Map<Integer, Group> groups, Map<String, Proxy> proxies, Sentinel sentinel,
            int forwardMethod) {
        this.slots = slots;
        this.groups = groups;
        this.proxies = proxies;
        this.sentinel = sentinel;
        this.forwardMethod = forwardMethod;
    }

    public List<SlotMapping> slots() {
        return List.of(slots);
    }

    public SlotMapping slot(int sid) {
        if (!SlotHash.isValidSlot(sid)) {
            throw new ApiError("slot-[" + sid + "] doesn't exist");
        }
        return slots[sid];
    }

    public List<Group> groups() {
        return groups.values().stream().sorted(Comparator.comparingInt(Group::id)).toList();
    }

    public Group group(int gid) {
        Group g = groups.get(gid);
        if (g == null) {
            throw new ApiError("group-[" + gid + "] doesn't exist");
        }
        return g;
    }

    /** Group {@code gid}, which must have a server. */
    public Group nonEmptyGroup(int gid) {
        Group g = group(gid);
        if (g.servers().isEmpty()) {
            throw new ApiError("group-[" + gid + "] is empty");
        }
        return g;
    }

    public boolean hasGroup(int gid) {
        return groups.containsKey(gid);
    }

    public List<Proxy> proxies() {
        return proxies.values().stream().sorted(Comparator.comparingInt(Proxy::id)).toList();
    }

    public Proxy proxy(String token) {
        Proxy p = proxies.get(token);
        if (p == null) {
            throw new ApiError("proxy-[" + token + "] doesn't exist");
        }
        return p;
    }

    public boolean hasProxy(String token) {
        return proxies.containsKey(token);
    }

    /** This view with group {@code g} replaced, as it will be once stored. */
    public Topology withGroup(Group g) {
        Map<Integer, Group> changed = new java.util.LinkedHashMap<>(groups);
        changed.put(g.id(), g);
        return new Topology(slots, changed, proxies, sentinel, forwardMethod);
    }

    public Sentinel sentinel() {
        return sentinel;
    }

    /** The group holding {@code addr}, or null. */
    public Group groupOfServer(String addr) {
        for (Group g : groups()) {
            for (GroupServer s : g.servers()) {
                if (s.addr().equals(addr)) {
                    return g;
                }
            }
        }
        return null;
    }

    /** First server of group {@code gid}; {@code ""} when missing, empty or 0. */
    public String master(int gid) {
        Group g = groups.get(gid);
        if (g == null || g.servers().isEmpty()) {
            return "";
        }
        return g.servers().get(0).addr();
    }

    /** Some slot has {@code group_id == gid} or {@code action.target_id == gid}. */
    public boolean isGroupInUse(int gid) {
        for (SlotMapping m : slots) {
            if (m.groupId() == gid || m.action().targetId() == gid) {
                return true;
            }
        }
        return false;
    }

    /** The slots whose group or target is {@code gid}. */
    public List<SlotMapping> slotsOfGroup(int gid) {
        List<SlotMapping> out = new ArrayList<>();
        for (SlotMapping m : slots) {
            if (m.groupId() == gid || m.action().targetId() == gid) {
                out.add(m);
            }
        }
        return out;
    }

    public int maxSlotActionIndex() {
        int max = 0;
        for (SlotMapping m : slots) {
            if (m.action().phase() != SlotActionState.NOTHING) {
                max = Math.max(max, m.action().index());
            }
        }
        return max;
    }

    private boolean promotingPrepared(int gid) {
        Group g = groups.get(gid);
        return g != null && g.promoting().phase() == PromotingState.PREPARED;
    }

    /** Group {@code gid} exists and is promoting a replica. */
    public boolean isPromoting(int gid) {
        Group g = groups.get(gid);
        return g != null && g.promoting().phase() != PromotingState.NOTHING;
    }

    /** What {@code proxy} (null: no datacenter, unknown IP) is told about mapping {@code m}. */
    public Slot toSlot(SlotMapping m, Proxy proxy) {
        int s = m.groupId();
        int t = m.action().targetId();
        return switch (m.action().phase()) {
            case NOTHING, PENDING -> new Slot(m.id(), promotingPrepared(s), master(s), masterGroupId(s), "", 0,
                    forwardMethod, replicaGroups(s, proxy));
            case PREPARING -> new Slot(m.id(), promotingPrepared(s), master(s), masterGroupId(s), "", 0, forwardMethod,
                    List.of());
            case PREPARED -> new Slot(m.id(), true, master(t), masterGroupId(t), master(s), masterGroupId(s),
                    forwardMethod, List.of());
            case MIGRATING -> new Slot(m.id(), promotingPrepared(s) || promotingPrepared(t), master(t),
                    masterGroupId(t), master(s), masterGroupId(s), forwardMethod, List.of());
            case FINISHED -> new Slot(m.id(), promotingPrepared(t), master(t), masterGroupId(t), "", 0, forwardMethod,
                    List.of());
            case INVALID -> throw new ApiError("slot-[" + m.id() + "] action state is invalid");
        };
    }

    private int masterGroupId(int gid) {
        return master(gid).isEmpty() ? 0 : gid;
    }

    private List<List<String>> replicaGroups(int gid, Proxy proxy) {
        Group g = groups.get(gid);
        if (g == null || g.servers().size() <= 1 || isPromoting(gid)) {
            return List.of();
        }
        List<List<String>> tiers = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        String proxyIp = proxy == null ? null : ipOfHost(proxy.adminAddr());
        for (GroupServer server : g.servers()) {
            if (!server.replicaGroup()) {
                continue;
            }
            int tier = 2;
            if (proxy != null && proxyIp != null && Objects.equals(proxy.datacenter(), server.datacenter())) {
                tier = proxyIp.equals(ipOfHost(server.addr())) ? 0 : 1;
            }
            tiers.get(tier).add(server.addr());
        }
        return tiers.stream().filter(tierList -> !tierList.isEmpty()).map(List::copyOf).toList();
    }

    /** The IP address of {@code addr}'s host, or null when the address does not parse or resolve. */
    private static String ipOfHost(String addr) {
        try {
            return ipOf(HostPort.parse(addr).host());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String ipOf(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (Exception e) {
            return null;
        }
    }

    /** All 1024 slots as {@code proxy} sees them. */
    public List<Slot> toSlots(Proxy proxy) {
        List<Slot> out = new ArrayList<>(slots.length);
        for (SlotMapping m : slots) {
            out.add(toSlot(m, proxy));
        }
        return out;
    }
}
