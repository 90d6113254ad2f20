package io.codis.proxy.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessUsageSamplerTest {

    @Test
    void readsTimesInNanosecondsAndSizesInBytesFromProc() throws IOException {
        long ticksBefore = cpuTicks();
        ProcessUsage usage = ProcessUsageSampler.read();
        long ticksAfter = cpuTicks();

        assertThat(usage.utime() + usage.stime()).isBetween(ticksBefore * 10_000_000L, ticksAfter * 10_000_000L);
        assertThat(usage.utime() % 10_000_000L).isZero();
        assertThat(usage.numThreads()).isGreaterThan(1);
        assertThat(usage.vmSize()).isGreaterThan(usage.vmRss());
        assertThat(usage.mem()).isEqualTo(usage.vmRss()).isGreaterThan(1 << 20);
        assertThat(usage.now()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}.* .*");
    }

    private static long cpuTicks() throws IOException {
        String[] stat = Files.readString(Path.of("/proc/self/stat")).replaceAll(".*\\) ", "").split(" ");
        return Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
    }

    @Test
    void cpuIsTheShareOfOneCoreUsedSinceThePreviousSample() throws InterruptedException {
        try (ProcessUsageSampler sampler = new ProcessUsageSampler().start()) {
            assertThat(sampler.latest().now()).isNotEmpty();
            assertThat(sampler.latest().cpu()).isZero();
            // spin for 1.5 s of this thread's own CPU time, however busy the machine is, so that the
            // sampler's last one-second window saw this process use CPU
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long until = threads.getCurrentThreadCpuTime() + 1_500_000_000L;
            long spin = 0;
            while (threads.getCurrentThreadCpuTime() < until) {
                spin += System.nanoTime() % 7;
            }
            assertThat(spin).isNotNegative();
            assertThat(sampler.latest().cpu()).isGreaterThan(0.05).isLessThan(Runtime.getRuntime().availableProcessors() + 1.0);
        }
    }

    @Test
    void theListenerGetsTheCpuOfEverySampleButTheFirst() throws InterruptedException {
        java.util.List<Double> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ProcessUsageSampler sampler = new ProcessUsageSampler(heard::add).start()) {
            assertThat(heard).isEmpty();
            Await.until("a sample heard", () -> !heard.isEmpty());
            assertThat(heard).containsExactly(sampler.latest().cpu());
        }
    }
}
