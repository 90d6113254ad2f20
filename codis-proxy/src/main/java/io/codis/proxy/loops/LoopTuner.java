package io.codis.proxy.loops;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The decisions of the original's {@code AutoGOMAXPROCS}, fed one sample per second: each sample is
 * the process's CPU usage over that second divided by the current thread count. A window holds up to
 * {@value #WINDOW} samples; a sample above {@value #HIGH} (while below the maximum) closes it at once
 * and grows the count by a quarter of the remaining room, rounded up; a full window of samples below
 * {@value #LOW} (while above the minimum) shrinks it by one. Then a new window starts.
 */
public final class LoopTuner {
    static final int WINDOW = 10;
    static final double HIGH = 0.70;
    static final double LOW = 0.30;

    private final int min;
    private final int max;
    private int threads;
    private final List<Double> window = new ArrayList<>(WINDOW);
    private int low;

    /** Starts at {@code min} threads and never leaves {@code [min, max]}. */
    public LoopTuner(int min, int max) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("min = " + min + ", max = " + max);
        }
        this.min = min;
        this.max = max;
        this.threads = min;
    }

    public int threads() {
        return threads;
    }

    /**
     * Records one second of the process's CPU usage (1.0 = one core busy all along).
     *
     * @return the change of thread count that closed the window, if any
     */
    public Optional<LoopChange> sample(double processUsage) {
        double perThread = processUsage / threads;
        window.add(perThread);
        boolean grow = perThread > HIGH && threads < max;
        if (perThread < LOW && threads > min) {
            low++;
        }
        if (!grow && window.size() < WINDOW) {
            return Optional.empty();
        }
        int from = threads;
        if (grow) {
            threads += (max - threads + 3) / 4;
        } else if (low == WINDOW) {
            threads -= 1;
        }
        List<Double> usage = new ArrayList<>(window);
        while (usage.size() < WINDOW) {
            usage.add(0.0);
        }
        window.clear();
        low = 0;
        return threads == from ? Optional.empty() : Optional.of(new LoopChange(from, threads, usage));
    }
}
