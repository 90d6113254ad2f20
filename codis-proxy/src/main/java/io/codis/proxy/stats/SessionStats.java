package io.codis.proxy.stats;

/** sessions.total (accepted since start or reset, including rejected ones) and sessions.alive. */
public record SessionStats(long total, long alive) {
}
