package io.codis.proxy.usage;

import io.codis.common.model.StartTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;

/**
 * Samples {@code /proc/self/stat} and {@code /proc/self/status} once a second, as the original's
 * usage loop does, so that {@code rusage.cpu} is the CPU used over the last second.
 */
public final class ProcessUsageSampler implements AutoCloseable {
    private static final Path STAT = Path.of("/proc/self/stat");
    private static final Path STATUS = Path.of("/proc/self/status");
    /** USER_HZ: the unit of the times in /proc/self/stat, 100 on every Linux build that matters. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final long PAGE_SIZE = 4096;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "process-usage");
        thread.setDaemon(true);
        return thread;
    });
    private final DoubleConsumer onCpu;
    private volatile ProcessUsage latest = ProcessUsage.NONE;
    private long previousWallNanos;
    private long previousCpuNanos;

    public ProcessUsageSampler() {
        this(cpu -> { });
    }

    /** A sampler that also hands the {@code cpu} of every sample but the first to {@code onCpu}, on its thread. */
    public ProcessUsageSampler(DoubleConsumer onCpu) {
        this.onCpu = onCpu;
    }

    /** Takes a first sample now and one every second until closed. */
    public ProcessUsageSampler start() {
        sample();
        timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    /** The last sample ({@link ProcessUsage#NONE} before the first). */
    public ProcessUsage latest() {
        return latest;
    }

    /** Reads the process's figures now, without {@code cpu} (which needs two samples). */
    public static ProcessUsage read() {
        try {
            String stat = Files.readString(STAT);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state) of proc(5)
            long utime = Long.parseLong(fields[11]) * NANOS_PER_TICK;
            long stime = Long.parseLong(fields[12]) * NANOS_PER_TICK;
            long cutime = Long.parseLong(fields[13]) * NANOS_PER_TICK;
            long cstime = Long.parseLong(fields[14]) * NANOS_PER_TICK;
            long threads = Long.parseLong(fields[17]);
            long vmSize = Long.parseLong(fields[20]);
            long vmRss = statusKilobytes("VmRSS:", Long.parseLong(fields[21]) * PAGE_SIZE);
            return new ProcessUsage(StartTime.now(), 0, utime, stime, cutime, cstime, threads, vmSize, vmRss);
        } catch (IOException | RuntimeException e) {
            return new ProcessUsage(StartTime.now(), 0, 0, 0, 0, 0, Thread.activeCount(), 0,
                    Runtime.getRuntime().totalMemory());
        }
    }

    private synchronized void sample() {
        ProcessUsage now = read();
        long wall = System.nanoTime();
        boolean measured = previousWallNanos != 0 && wall > previousWallNanos;
        double cpu = measured ? Math.max(0, (double) (now.cpuTime() - previousCpuNanos) / (wall - previousWallNanos)) : 0;
        previousWallNanos = wall;
        previousCpuNanos = now.cpuTime();
        latest = new ProcessUsage(now.now(), cpu, now.utime(), now.stime(), now.cutime(), now.cstime(),
                now.numThreads(), now.vmSize(), now.vmRss());
        if (measured) {
            onCpu.accept(cpu);
        }
    }

    private static long statusKilobytes(String key, long fallback) throws IOException {
        for (String line : Files.readAllLines(STATUS)) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).strip().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        return fallback;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
