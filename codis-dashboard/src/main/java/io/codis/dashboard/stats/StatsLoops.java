package io.codis.dashboard.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.api.ProductProxies;
import io.codis.common.model.Group;
import io.codis.common.model.GroupServer;
import io.codis.common.model.Proxy;
import io.codis.common.rpc.RemoteError;
import io.codis.dashboard.core.Background;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.core.OnlineLoop;
import io.codis.dashboard.proxy.Proxies;
import io.codis.dashboard.redis.RedisControl;
import io.codis.dashboard.sentinel.Sentinels;
import io.codis.dashboard.store.Topology;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two 1 s stats loops (dashboard-api.md "Background loops"): {@code INFO} of every group server
 * and sentinel (with the product's masters a sentinel monitors) and {@code /api/proxy/stats} of every proxy, each sample with a 1 s deadline; a proxy that reports
 * {@code online: false} and {@code closed: false} is put online again. The samples go to
 * {@link LatestStats}.
 */
public final class StatsLoops implements Background {
    private static final Logger LOG = LoggerFactory.getLogger(StatsLoops.class);
    private static final long PERIOD_MILLIS = 1000;
    private static final long DEADLINE_MILLIS = 1000;
    private static final int REDIS_SOCKET_TIMEOUT_MILLIS = 5000;

    private final DashboardCore core;
    private final ProductProxies proxyCalls;
    private final Proxies proxies;
    private final LatestStats latest;
    private final Sentinels sentinels;
    private final OnlineLoop serverLoop;
    private final OnlineLoop proxyLoop;

    /** {@code proxies} puts a proxy online again when it reports itself offline but not closed. */
    public StatsLoops(DashboardCore core, ProductProxies proxyCalls, Proxies proxies, Sentinels sentinels,
            LatestStats latest) {
        this.sentinels = sentinels;
        this.core = core;
        this.proxyCalls = proxyCalls;
        this.proxies = proxies;
        this.latest = latest;
        this.serverLoop = every(core, "dashboard-server-stats", this::refreshServers);
        this.proxyLoop = every(core, "dashboard-proxy-stats", this::refreshProxies);
    }

    private static OnlineLoop every(DashboardCore core, String threadName, Runnable refresh) {
        return new OnlineLoop(core, threadName, () -> {
            refresh.run();
            return PERIOD_MILLIS;
        }, PERIOD_MILLIS, e -> LOG.debug("stats round failed: {}", e.getMessage()));
    }

    @Override
    public void start() {
        serverLoop.start();
        proxyLoop.start();
    }

    @Override
    public void stop() {
        serverLoop.stop();
        proxyLoop.stop();
    }

    private void refreshServers() {
        Topology ctx = core.locked(Function.identity());
        String auth = core.config().productAuth();
        Map<String, Future<RedisStats>> calls = new LinkedHashMap<>();
        for (Group g : ctx.groups()) {
            for (GroupServer s : g.servers()) {
                calls.put(s.addr(), core.workers().submit(
                        () -> RedisStats.of(RedisControl.info(s.addr(), auth, REDIS_SOCKET_TIMEOUT_MILLIS), null)));
            }
        }
        Map<String, Future<RedisStats>> sentinelCalls = new LinkedHashMap<>();
        for (String addr : ctx.sentinel().servers()) {
            sentinelCalls.put(addr, core.workers().submit(() -> sentinels.sample(addr)));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS);
        latest.setServers(samples(calls, deadline));
        latest.setSentinels(samples(sentinelCalls, deadline));
    }

    private static Map<String, RedisStats> samples(Map<String, Future<RedisStats>> calls, long deadline) {
        Map<String, RedisStats> samples = new HashMap<>();
        calls.forEach((addr, call) -> samples.put(addr, redisSample(call, deadline)));
        return samples;
    }

    private static RedisStats redisSample(Future<RedisStats> call, long deadline) {
        try {
            return call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return new RedisStats(null, null, null, now(), true);
        } catch (ExecutionException e) {
            return new RedisStats(null, RemoteError.of(String.valueOf(e.getCause().getMessage())), null, now(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RedisStats(null, null, null, now(), true);
        }
    }

    private void refreshProxies() {
        Topology ctx = core.locked(Function.identity());
        List<Proxy> list = ctx.proxies();
        Map<String, Future<JsonNode>> calls = new LinkedHashMap<>();
        for (Proxy p : list) {
            calls.put(p.token(), core.workers().submit(() -> proxyCalls.stats(p)));
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
        latest.setProxies(samples);
    }

    private void autoOnline(Proxy p) {
        try {
            proxies.online(p.adminAddr());
        } catch (RuntimeException e) {
            LOG.warn("auto online proxy-[{}] failed: {}", p.token(), e.getMessage());
        }
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
