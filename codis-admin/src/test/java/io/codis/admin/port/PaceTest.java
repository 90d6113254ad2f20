package io.codis.admin.port;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** --rate=OPS: writes wait their turn, so N writes take at least N / OPS seconds (less a 100 ms burst). */
class PaceTest {
    @Test
    void writesAtARateTakeAtLeastTheirShareOfTime() {
        Pace pace = new Pace(1000);
        long start = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            pace.acquire();
        }
        assertThat((System.nanoTime() - start) / 1e9).as("seconds for 500 writes at 1000/s").isGreaterThan(0.39);
    }

    @Test
    void noRateDoesNotWait() {
        Pace pace = new Pace(0);
        long start = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            pace.acquire();
        }
        assertThat((System.nanoTime() - start) / 1e9).as("seconds for 100,000 writes with no rate").isLessThan(5);
    }
}
