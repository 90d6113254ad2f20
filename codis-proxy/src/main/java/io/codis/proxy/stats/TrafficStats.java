package io.codis.proxy.stats;

/** The data plane's counters, as the proxy's stats JSON reports them (proxy-api.md "Proxy Stats JSON"). */
public interface TrafficStats {

    /** ops.total, ops.fails, ops.redis.errors, ops.qps and, per command, ops.cmd sorted by name. */
    OpsStats ops();

    /** sessions.total and sessions.alive. */
    SessionStats sessions();

    /** Clears the per-command table, total, fails and redis errors; sessions.total becomes sessions.alive. */
    void reset();
}
