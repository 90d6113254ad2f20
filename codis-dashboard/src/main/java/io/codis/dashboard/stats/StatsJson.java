package io.codis.dashboard.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codis.common.cli.BuildInfo;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.Group;
import io.codis.common.model.GroupServer;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.slots.SlotActionStatus;
import io.codis.dashboard.store.Topology;
import java.util.Map;
import java.util.function.Supplier;
import java.util.TreeMap;

/** The bodies of {@code GET /topom} (overview) and of the stats routes (dashboard-api.md "Overview" and "Stats"). */
public final class StatsJson {
    private final DashboardCore core;
    private final LatestStats samples;
    private final SlotActionStatus slotAction;
    private final Supplier<Map<String, String>> reportedMasters;

    /** {@code reportedMasters}: the sentinels' masters by gid. */
    public StatsJson(DashboardCore core, LatestStats samples, SlotActionStatus slotAction,
            Supplier<Map<String, String>> reportedMasters) {
        this.reportedMasters = reportedMasters;
        this.core = core;
        this.samples = samples;
        this.slotAction = slotAction;
    }

    /** Version, config, the dashboard's model and the stats. */
    public ObjectNode overview() {
        return core.locked(ctx -> {
            ObjectNode node = JsonCodec.mapper().createObjectNode();
            node.put("version", BuildInfo.current().version());
            node.put("compile", BuildInfo.current().compile());
            node.set("config", core.config().toJson());
            node.set("model", JsonCodec.mapper().valueToTree(core.model()));
            node.set("stats", stats(ctx));
            return node;
        });
    }

    /** Slots, groups and proxies with their newest samples, the slot-action status and the sentinels. */
    public ObjectNode stats() {
        return core.locked(this::stats);
    }

    private ObjectNode stats(Topology ctx) {
        ObjectMapper mapper = JsonCodec.mapper();
        ObjectNode node = mapper.createObjectNode();
        node.put("closed", core.isClosed());
        node.set("slots", mapper.valueToTree(ctx.slots()));
        ObjectNode group = node.putObject("group");
        group.set("models", mapper.valueToTree(ctx.groups()));
        ObjectNode gstats = group.putObject("stats");
        Map<String, RedisStats> servers = samples.servers();
        for (Group g : ctx.groups()) {
            for (GroupServer s : g.servers()) {
                RedisStats sample = servers.get(s.addr());
                if (sample != null) {
                    gstats.set(s.addr(), mapper.valueToTree(sample));
                }
            }
        }
        ObjectNode proxy = node.putObject("proxy");
        proxy.set("models", mapper.valueToTree(ctx.proxies()));
        ObjectNode pstats = proxy.putObject("stats");
        new TreeMap<>(samples.proxies()).forEach((token, sample) -> pstats.set(token, mapper.valueToTree(sample)));
        node.set("slot_action", slotAction.toJson());
        ObjectNode sentinels = node.putObject("sentinels");
        sentinels.set("model", mapper.valueToTree(ctx.sentinel()));
        ObjectNode sstats = sentinels.putObject("stats");
        Map<String, RedisStats> sentinelSamples = samples.sentinels();
        for (String addr : ctx.sentinel().servers()) {
            RedisStats sample = sentinelSamples.get(addr);
            if (sample != null) {
                sstats.set(addr, mapper.valueToTree(sample));
            }
        }
        sentinels.set("masters", mapper.valueToTree(reportedMasters.get()));
        return node;
    }
}
