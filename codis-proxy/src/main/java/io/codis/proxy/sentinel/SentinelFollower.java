package io.codis.proxy.sentinel;

import io.codis.common.model.Slot;
import io.codis.common.sentinel.SentinelMaster;
import io.codis.common.sentinel.SentinelWatch;
import io.codis.proxy.router.Router;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches the proxy's slots to the masters its sentinels report (proxy-dataplane.md "Following
 * sentinel switches"): each fetch's masters are remembered, and every slot whose backend (or
 * migration source) group has another master than the slot's address — unless both addresses are the
 * same server, by {@code run_id} — is refilled with it, marked switched. The dashboard's next fill of
 * a slot makes it official. A failed fetch keeps the table as it is and is shown in the stats.
 */
public final class SentinelFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SentinelFollower.class);

    private final String product;
    private final Router router;
    private final RunIds runIds;
    private SentinelWatch watch;
    private List<String> servers = List.of();
    private volatile Map<String, String> masters = Map.of();
    private volatile String error = "";

    public SentinelFollower(String product, String productAuth, Router router) {
        this.product = product;
        this.router = router;
        this.runIds = new RunIds(productAuth);
    }

    /** Follows {@code sentinels} from now on (none: stops following); the masters fetched before are forgotten. */
    public synchronized void follow(List<String> sentinels) {
        if (watch != null) {
            watch.close();
            watch = null;
        }
        servers = List.copyOf(sentinels);
        masters = Map.of();
        error = "";
        if (!servers.isEmpty()) {
            watch = new SentinelWatch(product, servers, this::apply, why -> error = why).start();
        }
    }

    /** Follows the same sentinels anew. */
    public synchronized void rewatch() {
        follow(servers);
    }

    public synchronized List<String> servers() {
        return servers;
    }

    public SentinelStatus status() {
        return new SentinelStatus(servers(), masters, router.isSwitched(), error);
    }

    @Override
    public synchronized void close() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    private void apply(Map<Integer, SentinelMaster> fetched) {
        Map<String, String> byGid = new TreeMap<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        fetched.forEach((gid, m) -> byGid.put(Integer.toString(gid), m.addr()));
        masters = byGid;
        error = "";
        List<Slot> seen = new ArrayList<>();
        List<Slot> switched = new ArrayList<>();
        Map<String, String> decided = new HashMap<>();
        for (Slot s : router.slots()) {
            if (s.backendAddr().isEmpty()) {
                continue;
            }
            String backend = switchedAddr(s.backendAddr(), fetched.get(s.backendAddrGroupId()), decided);
            String from = s.migrateFrom().isEmpty() ? ""
                    : switchedAddr(s.migrateFrom(), fetched.get(s.migrateFromGroupId()), decided);
            if (!backend.equals(s.backendAddr()) || !from.equals(s.migrateFrom())) {
                seen.add(s);
                switched.add(new Slot(s.id(), s.locked(), backend, s.backendAddrGroupId(), from, s.migrateFromGroupId(),
                        s.forwardMethod(), s.replicaGroups()));
            }
        }
        if (!switched.isEmpty()) {
            try {
                router.fillSwitchedSlotsUnchangedSince(seen, switched);
            } catch (RuntimeException e) {
                LOG.warn("switch slots to the sentinels' masters failed: {}", e.getMessage());
            }
        }
    }

    /**
     * {@code addr}, or the master's address when it is another server; each pair of addresses is asked
     * for its run_ids once per fetch ({@code decided}), not once per slot: a dead master that does not
     * refuse connections would otherwise cost the INFO timeout 1024 times.
     */
    private String switchedAddr(String addr, SentinelMaster master, Map<String, String> decided) {
        if (master == null || Objects.equals(master.addr(), addr)) {
            return addr;
        }
        return decided.computeIfAbsent(addr + " " + master.addr(), pair -> runIds.same(addr, master.addr()) ? addr : master.addr());
    }
}
