package io.codis.proxy.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final long MS = 1_000_000L;

    @Test
    void tenFailuresInARowRetryAtOnceThenTheDelayDoublesFrom50msTo5s() {
        for (int failures = 1; failures <= 10; failures++) {
            assertThat(Backoff.delayNanos(failures)).isZero();
        }
        assertThat(Backoff.delayNanos(11)).isEqualTo(50 * MS);
        assertThat(Backoff.delayNanos(12)).isEqualTo(100 * MS);
        assertThat(Backoff.delayNanos(17)).isEqualTo(3200 * MS);
        assertThat(Backoff.delayNanos(18)).isEqualTo(5000 * MS);
        assertThat(Backoff.delayNanos(1000)).isEqualTo(5000 * MS);
    }

    @Test
    void aRetryWaitsForTheDelayAndSuccessStartsANewRow() {
        Backoff backoff = new Backoff();
        long t = 1_000 * MS;
        for (int i = 0; i < 10; i++) {
            backoff.failed(t);
        }
        assertThat(backoff.mayRetry(t)).isTrue();
        assertThat(backoff.failed(t)).isEqualTo(11);
        assertThat(backoff.mayRetry(t + 49 * MS)).isFalse();
        assertThat(backoff.mayRetry(t + 50 * MS)).isTrue();
        backoff.succeeded();
        assertThat(backoff.failed(t)).isEqualTo(1);
        assertThat(backoff.mayRetry(t)).isTrue();
    }
}
