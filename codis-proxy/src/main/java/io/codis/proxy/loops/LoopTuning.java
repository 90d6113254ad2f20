package io.codis.proxy.loops;

import io.codis.proxy.usage.ProcessUsageSampler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running tuner: once a second the process's CPU usage goes to a {@link LoopTuner}, and each change
 * it decides sets the {@link ActiveLoops} count and is logged as the original logs it.
 */
public final class LoopTuning implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoopTuning.class);

    private final ActiveLoops loops;
    private final LoopTuner tuner;
    private final ProcessUsageSampler sampler;

    private LoopTuning(ActiveLoops loops, int min, int max) {
        this.loops = loops;
        this.tuner = new LoopTuner(min, max);
        this.sampler = new ProcessUsageSampler(this::sample);
    }

    /** Tunes {@code loops} between {@code min} (their count now) and {@code max} until closed. */
    public static LoopTuning start(ActiveLoops loops, int min, int max) {
        if (loops.count() != min) {
            throw new IllegalArgumentException("active loops = " + loops.count() + ", should start at " + min);
        }
        LoopTuning tuning = new LoopTuning(loops, min, max);
        tuning.sampler.start();
        return tuning;
    }

    private void sample(double processUsage) {
        tuner.sample(processUsage).ifPresent(change -> {
            loops.setCount(change.to());
            LOG.warn("{}", change.logLine());
        });
    }

    @Override
    public void close() {
        sampler.close();
    }
}
