package io.codis.proxy.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codis.proxy.stats.CommandStats;
import io.codis.proxy.stats.OpsStats;
import io.codis.proxy.stats.SessionStats;
import io.codis.proxy.usage.ProcessUsage;
import io.codis.proxy.sentinel.SentinelStatus;
import java.util.List;
import java.util.function.Supplier;

/** The proxy's stats JSON in the original's field order (proxy-api.md "Proxy Stats JSON"). */
public final class ProxyStatsJson {
    private ProxyStatsJson() {
    }

    /**
     * @param sentinels the sentinel list ({@code sentinels.servers}, omitted when empty)
     * @param runtime   computed only with {@link StatsFlags#WITH_RUNTIME}
     */
    public static ObjectNode build(boolean online, boolean closed, List<String> sentinels, OpsStats ops,
            SessionStats sessions, ProcessUsage usage, boolean primaryOnly, Supplier<ObjectNode> runtime,
            StatsFlags flags) {
        return build(online, closed, SentinelStatus.of(sentinels), ops, sessions, usage, primaryOnly, runtime, flags);
    }

    /**
     * @param sentinels the sentinel list ({@code sentinels.servers}), the masters they reported
     *     ({@code sentinels.masters}), {@code sentinels.switched} and the last failure ({@code sentinels.error}),
     *     each omitted when empty
     */
    public static ObjectNode build(boolean online, boolean closed, SentinelStatus sentinels, OpsStats ops,
            SessionStats sessions, ProcessUsage usage, boolean primaryOnly, Supplier<ObjectNode> runtime,
            StatsFlags flags) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode stats = json.objectNode();
        stats.put("online", online);
        stats.put("closed", closed);
        ObjectNode sentinelsNode = stats.putObject("sentinels");
        if (!sentinels.servers().isEmpty()) {
            ArrayNode servers = sentinelsNode.putArray("servers");
            sentinels.servers().forEach(servers::add);
        }
        if (!sentinels.masters().isEmpty()) {
            ObjectNode masters = sentinelsNode.putObject("masters");
            sentinels.masters().forEach(masters::put);
        }
        if (sentinels.switched()) {
            sentinelsNode.put("switched", true);
        }
        if (!sentinels.error().isEmpty()) {
            sentinelsNode.put("error", sentinels.error());
        }

        ObjectNode opsNode = stats.putObject("ops");
        opsNode.put("total", ops.total());
        opsNode.put("fails", ops.fails());
        opsNode.putObject("redis").put("errors", ops.redisErrors());
        opsNode.put("qps", ops.qps());
        if (flags.has(StatsFlags.WITH_COMMANDS) && !ops.commands().isEmpty()) {
            ArrayNode commands = opsNode.putArray("cmd");
            for (CommandStats command : ops.commands()) {
                ObjectNode entry = commands.addObject();
                entry.put("opstr", command.opstr());
                entry.put("calls", command.calls());
                entry.put("usecs", command.usecs());
                entry.put("usecs_percall", command.usecsPercall());
                entry.put("fails", command.fails());
                entry.put("redis_errtype", command.redisErrtype());
            }
        }

        ObjectNode sessionsNode = stats.putObject("sessions");
        sessionsNode.put("total", sessions.total());
        sessionsNode.put("alive", sessions.alive());

        ObjectNode rusage = stats.putObject("rusage");
        rusage.put("now", usage.now());
        rusage.putPOJO("cpu", usage.cpu());
        rusage.put("mem", usage.mem());
        ObjectNode raw = rusage.putObject("raw");
        raw.put("utime", usage.utime());
        raw.put("stime", usage.stime());
        raw.put("cutime", usage.cutime());
        raw.put("cstime", usage.cstime());
        raw.put("num_threads", usage.numThreads());
        raw.put("vm_size", usage.vmSize());
        raw.put("vm_rss", usage.vmRss());

        stats.putObject("backend").put("primary_only", primaryOnly);
        if (flags.has(StatsFlags.WITH_RUNTIME)) {
            stats.set("runtime", runtime.get());
        }
        return stats;
    }
}
