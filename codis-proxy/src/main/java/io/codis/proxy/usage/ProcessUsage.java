package io.codis.proxy.usage;

/**
 * One sample of the process's resource usage, the {@code rusage} part of the proxy's stats:
 * CPU times in nanoseconds, sizes in bytes, {@code cpu} the fraction of one core used since the
 * previous sample, {@code now} the sample's time as Go prints a time ({@code ""} before the first).
 */
public record ProcessUsage(String now, double cpu, long utime, long stime, long cutime, long cstime,
        long numThreads, long vmSize, long vmRss) {

    public static final ProcessUsage NONE = new ProcessUsage("", 0, 0, 0, 0, 0, 0, 0, 0);

    /** {@code rusage.mem}: the resident memory. */
    public long mem() {
        return vmRss;
    }

    /** User plus system time of the process itself, in nanoseconds. */
    long cpuTime() {
        return utime + stime;
    }
}
