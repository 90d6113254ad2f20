package io.codis.proxy.stats;

/** One entry of {@code ops.cmd}: calls = replies sent, usecs = total time from request read to reply written. */
public record CommandStats(String opstr, long calls, long usecs, long fails, long redisErrtype) {

    /** usecs / calls, integer division; 0 when there was no call. */
    public long usecsPercall() {
        return calls == 0 ? 0 : usecs / calls;
    }
}
