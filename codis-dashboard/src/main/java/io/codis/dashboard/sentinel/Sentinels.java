package io.codis.dashboard.sentinel;

import io.codis.common.config.DashboardConfig;
import io.codis.common.http.ApiError;
import io.codis.common.model.Group;
import io.codis.common.model.Sentinel;
import io.codis.common.rpc.HostPort;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.proxy.ProxyFanout;
import io.codis.dashboard.redis.RedisControl;
import io.codis.dashboard.stats.RedisStats;
import io.codis.dashboard.store.Topology;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol.Command;

/**
 * The product's sentinels (migration-and-ha.md "Sentinel integration", dashboard-api.md "Sentinel
 * routes"): the stored model ({@code /codis3/{product}/sentinel}), adding and removing a sentinel,
 * making every sentinel monitor every group ({@code resync-all}, which also gives the list to every
 * proxy), what a sentinel reports, and the model marked out of sync whenever the groups change
 * behind the sentinels' back.
 */
public final class Sentinels {
    private static final Logger LOG = LoggerFactory.getLogger(Sentinels.class);

    private final DashboardCore core;
    private final ProxyFanout proxies;
    private final SentinelCalls calls;
    private final ProductMasters names;
    private final ReportedMasters reported;
    private final SentinelSwitches switches;

    /** {@code switches} is restarted with the list by every resync. */
    public Sentinels(DashboardCore core, ProxyFanout proxies, ReportedMasters reported, SentinelSwitches switches) {
        this.switches = switches;
        this.core = core;
        this.proxies = proxies;
        this.calls = new SentinelCalls(core.workers(), core.config().sentinelClientTimeout());
        this.names = new ProductMasters(core.config().productName());
        this.reported = reported;
    }

    /** Stores {@code out_of_sync = true} when sentinels are configured; call inside {@link DashboardCore#locked}. */
    public void markOutOfSync(Topology ctx) {
        Sentinel s = ctx.sentinel();
        if (!s.servers().isEmpty() && !s.outOfSync()) {
            core.store().updateSentinel(s.withOutOfSync(true));
        }
    }

    /**
     * Before a promote reorders group {@code gid}: the sentinels stop monitoring it (errors are only
     * logged), so that they do not fail it over behind the dashboard's back, and the model is out of
     * sync until a resync monitors it again.
     */
    public void forgetGroup(Topology ctx, int gid) {
        if (ctx.sentinel().servers().isEmpty()) {
            return;
        }
        markOutOfSync(ctx);
        calls.onEvery(ctx.sentinel().servers(), sentinel -> {
            names.remove(sentinel, List.of(names.name(gid)));
            return null;
        }).forEach((addr, e) -> LOG.warn("sentinel-[{}] remove {} failed: {}", addr, names.name(gid), e.getMessage()));
        reported.forget(gid);
    }

    /** {@code sentinels/add}: a sentinel that answers {@code SENTINEL FLUSHCONFIG}; nothing is monitored until a resync. */
    public void add(String addr) {
        core.lockedRun(ctx -> {
            if (addr.isEmpty()) {
                throw new ApiError("invalid sentinel address");
            }
            Sentinel s = ctx.sentinel();
            if (s.servers().contains(addr)) {
                throw new ApiError("sentinel-[" + addr + "] already exists");
            }
            try {
                calls.on(addr, sentinel -> sentinel.sendCommand(Command.SENTINEL, "FLUSHCONFIG"));
            } catch (RuntimeException e) {
                throw new ApiError(e.getMessage(), e);
            }
            List<String> servers = new ArrayList<>(s.servers());
            servers.add(addr);
            core.store().updateSentinel(s.withServers(servers).withOutOfSync(true));
        });
    }

    /** {@code sentinels/del}: the sentinel stops monitoring the product's groups and leaves the list; {@code force}: even when it cannot be reached. */
    public void delete(String addr, boolean force) {
        core.lockedRun(ctx -> {
            if (addr.isEmpty()) {
                throw new ApiError("invalid sentinel address");
            }
            Sentinel s = ctx.sentinel();
            if (!s.servers().contains(addr)) {
                throw new ApiError("sentinel-[" + addr + "] not found");
            }
            Sentinel outOfSync = s.withOutOfSync(true);
            core.store().updateSentinel(outOfSync);
            RuntimeException failed = calls.onEvery(List.of(addr), sentinel -> {
                names.removeAll(sentinel);
                return null;
            }).get(addr);
            if (failed != null) {
                LOG.warn("sentinel-[{}] remove failed, force remove = {}: {}", addr, force, failed.getMessage());
                if (!force) {
                    throw new ApiError("remove sentinel " + addr + " failed", failed);
                }
            }
            List<String> servers = new ArrayList<>(s.servers());
            servers.remove(addr);
            core.store().updateSentinel(outOfSync.withServers(servers));
        });
    }

    /** {@code sentinels/resync-all}: every sentinel monitors every group's master anew, then every proxy gets the list. */
    public void resyncAll() {
        core.lockedRun(this::resyncAll);
    }

    /** {@link #resyncAll()} inside {@link DashboardCore#locked}. */
    public void resyncAll(Topology ctx) {
        Sentinel s = ctx.sentinel().withOutOfSync(true);
        core.store().updateSentinel(s);
        List<String> sentinels = s.servers();
        calls.onEvery(sentinels, sentinel -> {
            names.removeAll(sentinel);
            return null;
        }).forEach((addr, e) -> LOG.warn("sentinel-[{}] remove sentinels failed: {}", addr, e.getMessage()));
        Map<Integer, HostPort> masters = new LinkedHashMap<>();
        for (Group g : ctx.groups()) {
            if (!g.servers().isEmpty()) {
                masters.put(g.id(), resolved(g.servers().get(0).addr()));
            }
        }
        Map<String, RuntimeException> errors = calls.onEvery(sentinels, sentinel -> {
            monitor(sentinel, masters);
            return null;
        });
        if (!errors.isEmpty()) {
            errors.forEach((addr, e) -> LOG.warn("sentinel-[{}] resync sentinels failed: {}", addr, e.getMessage()));
            Map.Entry<String, RuntimeException> first = errors.entrySet().iterator().next();
            throw new ApiError("sentinel-[" + first.getKey() + "] resync failed: " + first.getValue().getMessage(),
                    first.getValue());
        }
        reported.forgetAll();
        switches.rewatch(sentinels);
        proxies.setSentinels(ctx, s);
        core.store().updateSentinel(s.withOutOfSync(false));
    }

    private void monitor(Jedis sentinel, Map<Integer, HostPort> masters) {
        DashboardConfig config = core.config();
        names.remove(sentinel, masters.keySet().stream().map(names::name).toList());
        masters.forEach((gid, master) ->
                sentinel.sentinelMonitor(names.name(gid), master.host(), master.port(), config.sentinelQuorum()));
        for (int gid : masters.keySet()) {
            Map<String, String> options = new LinkedHashMap<>();
            options.put("parallel-syncs", Integer.toString(config.sentinelParallelSyncs()));
            options.put("down-after-milliseconds", Long.toString(config.sentinelDownAfter().toMillis()));
            options.put("failover-timeout", Long.toString(config.sentinelFailoverTimeout().toMillis()));
            putIfSet(options, "auth-pass", config.productAuth());
            putIfSet(options, "notification-script", config.sentinelNotificationScript());
            putIfSet(options, "client-reconfig-script", config.sentinelClientReconfigScript());
            sentinel.sentinelSet(names.name(gid), options);
        }
    }

    private static void putIfSet(Map<String, String> options, String key, String value) {
        if (value != null && !value.isEmpty()) {
            options.put(key, value);
        }
    }

    /** {@code host:port} with the host resolved to its IP, as a sentinel needs it. */
    private static HostPort resolved(String addr) {
        HostPort hp = HostPort.parse(addr);
        try {
            return new HostPort(InetAddress.getByName(hp.host()).getHostAddress(), hp.port());
        } catch (UnknownHostException e) {
            throw new ApiError("resolve " + addr + " failed: " + e.getMessage(), e);
        }
    }

    /** {@code sentinels/info/:addr}: the sentinel's INFO, no auth. */
    public Map<String, String> info(String addr) {
        try {
            return calls.on(addr, sentinel -> RedisControl.parseInfo(sentinel.info()));
        } catch (RuntimeException e) {
            throw new ApiError(e.getMessage(), e);
        }
    }

    /** A stats sample of the sentinel at {@code addr}: its INFO and the product's masters it monitors. */
    public RedisStats sample(String addr) {
        return calls.on(addr, sentinel -> RedisStats.of(RedisControl.parseInfo(sentinel.info()), monitored(sentinel)));
    }

    /** The masters the sentinels last reported, by gid ({@code sentinels.masters} in the stats). */
    public Map<String, String> reportedMasters() {
        return reported.byGid();
    }

    /** {@code sentinels/info/:addr/monitored}: the product's masters on that sentinel, with their replicas. */
    public Map<String, Object> monitored(String addr) {
        try {
            return calls.on(addr, this::monitored);
        } catch (RuntimeException e) {
            throw new ApiError(e.getMessage(), e);
        }
    }

    /** The product's masters on {@code sentinel}: {@code {name: {master: {...}, slaves: [...]}}}, slaves omitted when none. */
    Map<String, Object> monitored(Jedis sentinel) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, String> master : names.monitored(sentinel)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("master", master);
            List<Map<String, String>> slaves = sentinel.sentinelSlaves(master.get("name"));
            if (!slaves.isEmpty()) {
                entry.put("slaves", slaves);
            }
            out.put(master.get("name"), entry);
        }
        return out;
    }
}
