package io.codis.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.model.Group;
import io.codis.common.model.GroupServer;
import io.codis.common.model.Proxy;
import io.codis.common.rpc.RemoteError;
import io.codis.dashboard.redis.RedisControl;
import io.codis.dashboard.stats.ProxyStats;
import io.codis.dashboard.stats.RedisStats;
import io.codis.dashboard.store.Topology;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two 1 s stats loops (dashboard-api.md "Background loops"): {@code INFO} of every group server
 * and {@code /api/proxy/stats} of every proxy, each sample with a 1 s deadline; a proxy that reports
 * {@code online: false} and {@code closed: false} is put online again.
 */
final class StatsLoops {
    private static final Logger LOG = LoggerFactory.getLogger(StatsLoops.class);
    private static final long PERIOD_MILLIS = 1000;
    private static final long DEADLINE_MILLIS = 1000;
    private static final int REDIS_SOCKET_TIMEOUT_MILLIS = 5000;

    private final Dashboard dashboard;
    private final Thread servers;
    private final Thread proxies;
    private volatile boolean stopped;

    StatsLoops(Dashboard dashboard) {
        this.dashboard = dashboard;
        this.servers = new Thread(() -> loop(this::refreshServers), "dashboard-server-stats");
        this.proxies = new Thread(() -> loop(this::refreshProxies), "dashboard-proxy-stats");
        servers.setDaemon(true);
        proxies.setDaemon(true);
    }

    void start() {
        servers.start();
        proxies.start();
    }

    void stop() {
        stopped = true;
        servers.interrupt();
        proxies.interrupt();
    }

    private void loop(Runnable round) {
        while (!stopped && dashboard.isOnline()) {
            try {
                round.run();
            } catch (RuntimeException e) {
                LOG.debug("stats round failed: {}", e.getMessage());
            }
            try {
                if (dashboard.awaitClosed(PERIOD_MILLIS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void refreshServers() {
        Topology ctx = dashboard.locked(dashboard::ctx);
        String auth = dashboard.config().productAuth();
        Map<String, Future<Map<String, String>>> calls = new LinkedHashMap<>();
        for (Group g : ctx.groups()) {
            for (GroupServer s : g.servers()) {
                calls.put(s.addr(), dashboard.workers().submit(
                        () -> RedisControl.info(s.addr(), auth, REDIS_SOCKET_TIMEOUT_MILLIS)));
            }
        }
        Map<String, RedisStats> samples = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS);
        calls.forEach((addr, call) -> samples.put(addr, redisSample(call, deadline)));
        dashboard.setServerStats(samples);
    }

    private static RedisStats redisSample(Future<Map<String, String>> call, long deadline) {
        try {
            Map<String, String> info = call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new RedisStats(info, null, now(), false);
        } catch (TimeoutException e) {
            call.cancel(true);
            return new RedisStats(null, null, now(), true);
        } catch (ExecutionException e) {
            return new RedisStats(null, RemoteError.of(String.valueOf(e.getCause().getMessage())), now(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RedisStats(null, null, now(), true);
        }
    }

    private void refreshProxies() {
        Topology ctx = dashboard.locked(dashboard::ctx);
        List<Proxy> list = ctx.proxies();
        Map<String, Future<JsonNode>> calls = new LinkedHashMap<>();
        for (Proxy p : list) {
            calls.put(p.token(), dashboard.workers().submit(() -> dashboard.proxyCalls().stats(p)));
        }
        Map<String, ProxyStats> samples = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS);
        for (Proxy p : list) {
            Future<JsonNode> call = calls.get(p.token());
            ProxyStats sample;
            try {
                JsonNode stats = call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                sample = new ProxyStats(stats, null, now(), false);
                if (!stats.path("online").asBoolean(false) && !stats.path("closed").asBoolean(false)) {
                    autoOnline(p);
                }
            } catch (TimeoutException e) {
                call.cancel(true);
                sample = new ProxyStats(null, null, now(), true);
            } catch (ExecutionException e) {
                sample = new ProxyStats(null, RemoteError.of(String.valueOf(e.getCause().getMessage())), now(), false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            samples.put(p.token(), sample);
        }
        dashboard.setProxyStats(samples);
    }

    private void autoOnline(Proxy p) {
        try {
            dashboard.onlineProxy(p.adminAddr());
        } catch (RuntimeException e) {
            LOG.warn("auto online proxy-[{}] failed: {}", p.token(), e.getMessage());
        }
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
