package io.codis.ha;

import io.codis.common.api.DashboardApi;
import io.codis.common.model.Group;
import io.codis.common.model.GroupServer;
import io.codis.common.model.Proxy;
import io.codis.common.model.SyncActionState;
import io.codis.common.status.DashboardStats;
import io.codis.common.status.GroupStatusLines;
import io.codis.common.status.GroupStatusLines.ServerLine;
import io.codis.common.status.ProxyStatusLines;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of codis-ha (migration-and-ha.md "codis-ha") on the dashboard's stats: every proxy and
 * server classified and logged, then, unless only checking, at most one action, in this order: remove
 * the first proxy that does not answer (not one the dashboard has not sampled yet); re-attach the first replica that replicates from the wrong
 * master or from none (a sync action through the dashboard, which uses the real {@code product_auth},
 * instead of the original's removal and {@code SHUTDOWN}); promote the best replica of a group whose
 * master does not answer. A replica that is down stays in its group, so that it is re-attached when
 * it comes back.
 */
final class HaRound {
    private static final Logger LOG = LoggerFactory.getLogger(HaRound.class);

    private final DashboardApi dashboard;
    private final int intervalSeconds;
    private final boolean maintains;

    HaRound(DashboardApi dashboard, int intervalSeconds, boolean maintains) {
        this.dashboard = dashboard;
        this.intervalSeconds = intervalSeconds;
        this.maintains = maintains;
    }

    void run(DashboardStats stats) {
        Map<Proxy, ProxyHealth> proxies = new LinkedHashMap<>();
        List<String> proxyLines = ProxyStatusLines.of(stats);
        for (int i = 0; i < stats.proxies().size(); i++) {
            Proxy p = stats.proxies().get(i);
            ProxyHealth health = ProxyHealth.of(stats.proxySample(p.token()));
            proxies.put(p, health);
            log(health == ProxyHealth.ALIVE, proxyLines.get(i));
        }
        Map<Integer, List<ServerHealth>> servers = new LinkedHashMap<>();
        for (ServerLine line : GroupStatusLines.servers(stats)) {
            ServerHealth health = ServerHealth.of(line.sample(), line.index(), line.group().servers().get(0).addr());
            servers.computeIfAbsent(line.group().id(), gid -> new ArrayList<>()).add(health);
            log(health == ServerHealth.READY, health.mark + line.text());
        }
        if (!maintains) {
            return;
        }
        if (removeMissingProxy(proxies) || reattachReplica(stats, servers)) {
            return;
        }
        promote(stats, servers);
    }

    private static void log(boolean good, String line) {
        if (good) {
            LOG.info("{}", line);
        } else {
            LOG.warn("{}", line);
        }
    }

    /**
     * Removes the first proxy whose sample is an error or a timeout. A proxy without a sample is one
     * the dashboard has not asked yet (it samples every proxy each second, so only a proxy created
     * since its last round has none): removing it, as the original does, shut down a proxy that had
     * just been added.
     */
    private boolean removeMissingProxy(Map<Proxy, ProxyHealth> proxies) {
        for (Map.Entry<Proxy, ProxyHealth> e : proxies.entrySet()) {
            if (e.getValue() == ProxyHealth.MISSING) {
                LOG.warn("proxy-[{}] ({}) not sampled by the dashboard yet", e.getKey().token(), e.getKey().adminAddr());
            } else if (e.getValue() != ProxyHealth.ALIVE) {
                Proxy p = e.getKey();
                LOG.warn("remove proxy-[{}] ({}), state = {}", p.token(), p.adminAddr(), e.getValue());
                dashboard.removeProxy(p.token(), true);
                return true;
            }
        }
        return false;
    }

    private boolean reattachReplica(DashboardStats stats, Map<Integer, List<ServerHealth>> servers) {
        for (Group g : stats.groups()) {
            List<ServerHealth> health = servers.getOrDefault(g.id(), List.of());
            if (g.servers().size() <= 1) {
                continue;
            }
            if (health.get(0) != ServerHealth.READY) {
                LOG.warn("codis-server (master) {} state error", g.servers().get(0).addr());
                return false;
            }
            for (int i = 1; i < g.servers().size(); i++) {
                GroupServer s = g.servers().get(i);
                switch (health.get(i)) {
                    case SYNC_ERROR -> {
                        SyncActionState action = s.action().phase();
                        if (action == SyncActionState.PENDING || action == SyncActionState.SYNCING) {
                            LOG.warn("slave {} sync error, its sync action is {}", s.addr(), action.wire());
                            continue;
                        }
                        LOG.warn("slave {} sync error, re-attach it as a replica of {}", s.addr(), g.servers().get(0).addr());
                        dashboard.createSyncAction(s.addr());
                        return true;
                    }
                    case BROKEN -> LOG.warn("slave {} master link down", s.addr());
                    case MISSING, ERROR, TIMEOUT -> LOG.warn("slave {} is down, re-attach it when it is back", s.addr());
                    case READY -> { }
                }
            }
        }
        return false;
    }

    private void promote(DashboardStats stats, Map<Integer, List<ServerHealth>> servers) {
        long maxDown = intervalSeconds * 10L;
        for (Group g : stats.groups()) {
            List<ServerHealth> health = servers.getOrDefault(g.id(), List.of());
            if (health.isEmpty() || !health.get(0).isDown()) {
                continue;
            }
            String picked = null;
            String picked2 = null;
            long pickedDown = Long.MAX_VALUE;
            long picked2Down = Long.MAX_VALUE;
            String firstSyncError = null;
            int synced = 0;
            for (int i = 1; i < g.servers().size(); i++) {
                String addr = g.servers().get(i).addr();
                switch (health.get(i)) {
                    case BROKEN -> {
                        long down = linkDownSeconds(stats, addr);
                        if (down <= maxDown && down < pickedDown) {
                            picked = addr;
                            pickedDown = down;
                        }
                        if (down < picked2Down) {
                            picked2 = addr;
                            picked2Down = down;
                        }
                    }
                    case SYNC_ERROR -> firstSyncError = firstSyncError == null ? addr : firstSyncError;
                    case READY -> synced++;
                    case MISSING, ERROR, TIMEOUT -> { }
                }
            }
            if (picked2 == null) {
                picked2 = firstSyncError;
            }
            String choice = picked != null ? picked : picked2;
            if (choice == null) {
                LOG.warn("try to promote group-[{}], but synced = {} & picked = {} & picked2 = {}, giveup", g.id(), synced,
                        picked, picked2);
                continue;
            }
            if (!g.promoting().state().isEmpty()) {
                LOG.warn("try to promote group-[{}], but group is promoting = {}, please fix it manually", g.id(),
                        g.promoting().state());
                continue;
            }
            LOG.warn("try to promote group-[{}] with server {}", g.id(), choice);
            dashboard.promoteServer(g.id(), choice);
            return;
        }
    }

    private static long linkDownSeconds(DashboardStats stats, String addr) {
        return stats.serverSample(addr).stats().path("master_link_down_since_seconds").asLong(Long.MAX_VALUE);
    }
}
