package io.codis.common.status;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The dashboard's last sample of one proxy or server ({@code ProxyStats} / {@code RedisStats}:
 * {@code stats}, {@code error}, {@code unixtime}, {@code timeout}), as the status lines read it.
 */
public record StatsSample(JsonNode stats, boolean failed, boolean timeout) {

    /** The sample in {@code node}; null when the dashboard has none (the node is missing or null). */
    public static StatsSample of(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        JsonNode stats = node.get("stats");
        JsonNode error = node.get("error");
        return new StatsSample(stats == null || stats.isNull() ? null : stats, error != null && !error.isNull(),
                node.path("timeout").asBoolean(false));
    }

    /**
     * The status column of a status line for {@code sample}: {@code [?] } none yet, {@code [E] } an
     * error, {@code [T] } a timeout or no stats; null when the sample is good.
     */
    public static String problem(StatsSample sample) {
        if (sample == null) {
            return "[?] ";
        }
        if (sample.failed()) {
            return "[E] ";
        }
        if (sample.timeout() || sample.stats() == null) {
            return "[T] ";
        }
        return null;
    }
}
