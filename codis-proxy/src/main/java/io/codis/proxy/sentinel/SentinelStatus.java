package io.codis.proxy.sentinel;

import java.util.List;
import java.util.Map;

/**
 * What the proxy's stats say of its sentinels ({@code sentinels} in proxy-api.md "Stats"): the list,
 * the masters last fetched (gid → address), whether a slot was switched by them, and, beyond the
 * original, why the last fetch or subscription failed ({@code ""} once one succeeds again).
 */
public record SentinelStatus(List<String> servers, Map<String, String> masters, boolean switched, String error) {
    public static SentinelStatus of(List<String> servers) {
        return new SentinelStatus(servers, Map.of(), false, "");
    }
}
