package io.codis.proxy.loops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running tuner: once a second the CPU usage ({@link CpuFeed#PROCESS} in a proxy) goes to a
 * {@link LoopTuner}, and each change it decides sets the {@link ActiveLoops} count and is logged as the
 * original logs it.
 */
public final class LoopTuning implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoopTuning.class);

    private final ActiveLoops loops;
    private final LoopTuner tuner;
    private volatile Runnable stopFeed = () -> { };

    private LoopTuning(ActiveLoops loops, int min, int max) {
        this.loops = loops;
        this.tuner = new LoopTuner(min, max);
    }

    /** Tunes {@code loops} between {@code min} (their count now) and {@code max} on the samples of {@code feed}, until closed. */
    public static LoopTuning start(ActiveLoops loops, int min, int max, CpuFeed feed) {
        if (loops.count() != min) {
            throw new IllegalArgumentException("active loops = " + loops.count() + ", should start at " + min);
        }
        LoopTuning tuning = new LoopTuning(loops, min, max);
        tuning.stopFeed = feed.start(tuning::sample);
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
        stopFeed.run();
    }
}
