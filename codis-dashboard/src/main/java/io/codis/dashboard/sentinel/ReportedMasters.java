package io.codis.dashboard.sentinel;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The masters of the product's groups as the sentinels last reported them, by gid ({@code sentinels.masters}
 * in the stats): set by the sentinel watch, forgotten for a group when it is promoted and for all when
 * the sentinels are resynced.
 */
public final class ReportedMasters {
    private final Map<Integer, String> masters = new ConcurrentHashMap<>();

    void put(int gid, String addr) {
        masters.put(gid, addr);
    }

    void forget(int gid) {
        masters.remove(gid);
    }

    void forgetAll() {
        masters.clear();
    }

    /** gid as a string → {@code host:port}, in gid order. */
    public Map<String, String> byGid() {
        Map<String, String> out = new TreeMap<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        masters.forEach((gid, addr) -> out.put(Integer.toString(gid), addr));
        return out;
    }
}
