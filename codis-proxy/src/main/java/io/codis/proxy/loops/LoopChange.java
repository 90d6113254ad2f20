package io.codis.proxy.loops;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A change of the active thread count and the per-thread usage of the window that caused it
 * ({@value LoopTuner#WINDOW} values, 0 for the seconds a growth cut short).
 */
public record LoopChange(int from, int to, List<Double> usage) {

    public LoopChange {
        usage = List.copyOf(usage);
    }

    /** The original's log line: {@code ncpu = 2 -> 3, usage = [0.812, 0.000, ...]}. */
    public String logLine() {
        return "ncpu = " + from + " -> " + to + ", usage = ["
                + usage.stream().map(u -> String.format(Locale.ROOT, "%.3f", u)).collect(Collectors.joining(", "))
                + "]";
    }
}
