package io.codis.dashboard.stats;

import java.util.HashMap;
import java.util.Map;

/** The newest sample of every group server and sentinel (by address) and every proxy (by token), as the stats loops left them. */
public final class LatestStats {
    private volatile Map<String, RedisStats> servers = Map.of();
    private volatile Map<String, ProxyStats> proxies = Map.of();
    private volatile Map<String, RedisStats> sentinels = Map.of();

    public Map<String, RedisStats> servers() {
        return servers;
    }

    public Map<String, ProxyStats> proxies() {
        return proxies;
    }

    public Map<String, RedisStats> sentinels() {
        return sentinels;
    }

    void setSentinels(Map<String, RedisStats> samples) {
        sentinels = Map.copyOf(samples);
    }

    void setServers(Map<String, RedisStats> samples) {
        servers = Map.copyOf(samples);
    }

    void setProxies(Map<String, ProxyStats> samples) {
        proxies = Map.copyOf(samples);
    }

    /** Drops the sample of a removed proxy. */
    public void forgetProxy(String token) {
        Map<String, ProxyStats> left = new HashMap<>(proxies);
        left.remove(token);
        proxies = Map.copyOf(left);
    }
}
