package io.codis.proxy.stats;

import java.util.List;

/** The {@code ops} part of the proxy's stats; {@code commands} sorted by name. */
public record OpsStats(long total, long fails, long redisErrors, long qps, List<CommandStats> commands) {
    public OpsStats {
        commands = List.copyOf(commands);
    }
}
