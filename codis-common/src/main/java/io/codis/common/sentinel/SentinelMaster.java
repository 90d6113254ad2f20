package io.codis.common.sentinel;

/**
 * A group's master as the sentinels report it: {@code ip:port}, the {@code config-epoch} it won with
 * and the master's {@code runid} ({@code ""} when the sentinel does not know it).
 */
public record SentinelMaster(int gid, String addr, long epoch, String runId) {
}
