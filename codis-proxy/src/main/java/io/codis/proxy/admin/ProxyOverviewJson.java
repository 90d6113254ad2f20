package io.codis.proxy.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codis.common.cli.BuildInfo;
import io.codis.proxy.ProxyInstance;

/** {@code GET /proxy}: version, compile, config, model, stats and slots, in that order. */
public final class ProxyOverviewJson {
    private ProxyOverviewJson() {
    }

    /** The overview; {@code slots} only when {@code flags} asks for them (the metrics reporter leaves them out). */
    public static ObjectNode build(ProxyInstance proxy, StatsFlags flags) {
        BuildInfo build = BuildInfo.current();
        ObjectNode overview = JsonNodeFactory.instance.objectNode();
        overview.put("version", build.version());
        overview.put("compile", build.compile());
        overview.set("config", proxy.config().toJson());
        overview.putPOJO("model", proxy.model());
        overview.set("stats", proxy.stats(flags));
        if (flags.has(StatsFlags.WITH_SLOTS)) {
            overview.putPOJO("slots", proxy.slots());
        }
        return overview;
    }
}
