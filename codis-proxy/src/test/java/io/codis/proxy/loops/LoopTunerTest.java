package io.codis.proxy.loops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopTunerTest {

    private static final String NINE_ZEROS = ", 0.000".repeat(9);

    /** Feeds the samples and returns the log lines of the changes they caused. */
    private static List<String> feed(LoopTuner tuner, double... processUsage) {
        List<String> lines = new ArrayList<>();
        for (double usage : processUsage) {
            tuner.sample(usage).map(LoopChange::logLine).ifPresent(lines::add);
        }
        return lines;
    }

    private static double[] times(int n, double usage) {
        double[] samples = new double[n];
        java.util.Arrays.fill(samples, usage);
        return samples;
    }

    @Test
    void oneSampleAbove70PercentGrowsByAQuarterOfTheRoomRoundedUp() {
        LoopTuner tuner = new LoopTuner(1, 8);

        assertThat(feed(tuner, 0.5, 0.71)).containsExactly("ncpu = 1 -> 3, usage = [0.500, 0.710" + ", 0.000".repeat(8) + "]");
        assertThat(tuner.threads()).isEqualTo(3);
        assertThat(feed(tuner, 2.2)).containsExactly("ncpu = 3 -> 5, usage = [0.733" + NINE_ZEROS + "]");
        assertThat(feed(tuner, 3.6)).containsExactly("ncpu = 5 -> 6, usage = [0.720" + NINE_ZEROS + "]");
        assertThat(feed(tuner, 6.0, 7.0)).containsExactly("ncpu = 6 -> 7, usage = [1.000" + NINE_ZEROS + "]",
                "ncpu = 7 -> 8, usage = [1.000" + NINE_ZEROS + "]");
        assertThat(tuner.threads()).isEqualTo(8);
    }

    @Test
    void theUsageComparedIsPerThreadAndExactly70PercentIsNotAbove() {
        LoopTuner tuner = new LoopTuner(2, 4);

        assertThat(feed(tuner, 1.4, 1.0, 1.2, 0.9, 1.3)).isEmpty();
        assertThat(feed(tuner, 1.42)).containsExactly("ncpu = 2 -> 3, usage = [0.700, 0.500, 0.600, 0.450, 0.650, 0.710,"
                + " 0.000, 0.000, 0.000, 0.000]");
    }

    @Test
    void atTheMaximumABusyWindowChangesNothing() {
        LoopTuner tuner = new LoopTuner(2, 2);

        assertThat(feed(tuner, times(25, 2.0))).isEmpty();
        assertThat(tuner.threads()).isEqualTo(2);
    }

    @Test
    void tenSamplesBelow30PercentShrinkByOneButNotBelowTheMinimum() {
        LoopTuner tuner = new LoopTuner(2, 6);
        feed(tuner, 2.0);
        assertThat(tuner.threads()).isEqualTo(3);

        assertThat(feed(tuner, times(9, 0.6))).isEmpty();
        assertThat(feed(tuner, 0.6)).containsExactly("ncpu = 3 -> 2, usage = [" + "0.200, ".repeat(9) + "0.200]");
        assertThat(feed(tuner, times(30, 0.0))).isEmpty();
        assertThat(tuner.threads()).isEqualTo(2);
    }

    @Test
    void oneSampleAt30PercentOrMoreKeepsTheWindowFromShrinking() {
        LoopTuner tuner = new LoopTuner(1, 2);
        feed(tuner, 0.8);
        assertThat(tuner.threads()).isEqualTo(2);

        assertThat(feed(tuner, 0.1, 0.1, 0.1, 0.1, 0.6, 0.1, 0.1, 0.1, 0.1, 0.1)).isEmpty();
        assertThat(feed(tuner, times(10, 0.1))).containsExactly("ncpu = 2 -> 1, usage = [" + "0.050, ".repeat(9) + "0.050]");
    }

    @Test
    void aGrowthStartsAFreshWindow() {
        LoopTuner tuner = new LoopTuner(1, 3);
        feed(tuner, 0.8);

        assertThat(feed(tuner, times(5, 0.2))).isEmpty();
        assertThat(tuner.sample(1.5)).map(LoopChange::to).contains(3);
        assertThat(feed(tuner, times(9, 0.3))).isEmpty();
        assertThat(tuner.sample(0.3)).map(LoopChange::to).contains(2);
    }
}
