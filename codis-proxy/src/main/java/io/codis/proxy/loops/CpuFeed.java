package io.codis.proxy.loops;

import io.codis.proxy.usage.ProcessUsageSampler;
import java.util.function.DoubleConsumer;

/** Where the tuner's samples come from: the CPU usage of each second (1.0 = one core busy all along). */
@FunctionalInterface
public interface CpuFeed {

    /** The process's own usage, read from {@code /proc} once a second. */
    CpuFeed PROCESS = perSecond -> new ProcessUsageSampler(perSecond).start()::close;

    /**
     * Starts handing one sample a second to {@code perSecond}, on one thread.
     *
     * @return what stops it
     */
    Runnable start(DoubleConsumer perSecond);
}
