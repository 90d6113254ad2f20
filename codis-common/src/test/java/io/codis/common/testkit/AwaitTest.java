package io.codis.common.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {
    private static final Duration SHORT = Duration.ofMillis(100);

    @Test
    void returnsTheFirstObservedValueThatIsDone() {
        AtomicInteger polls = new AtomicInteger();
        assertThat(Await.until("the third poll", polls::incrementAndGet, n -> n >= 3)).isEqualTo(3);
    }

    @Test
    void retriesWhileTheProbeThrows() {
        AtomicInteger polls = new AtomicInteger();
        Await.until("a probe that fails twice", () -> {
            if (polls.incrementAndGet() < 3) {
                throw new IOException("connection refused");
            }
            return true;
        });
        assertThat(polls).hasValue(3);
    }

    @Test
    void aFailedWaitNamesWhatItAwaitedAndTheLastValue() {
        AtomicInteger polls = new AtomicInteger();
        assertThatThrownBy(() -> Await.until("the counter to reach -1", SHORT, polls::incrementAndGet, n -> n < 0))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("timed out after PT0.1S waiting for the counter to reach -1; last saw: ")
                .hasMessageEndingWith("last saw: " + polls.get())
                .hasNoCause();
    }

    @Test
    void aFailedWaitNamesTheLastExceptionAndKeepsItAsTheCause() {
        assertThatThrownBy(() -> Await.until("a server that never answers", SHORT, () -> {
            throw new IOException("connection refused");
        })).isInstanceOf(AssertionError.class)
                .hasMessage("timed out after PT0.1S waiting for a server that never answers;"
                        + " last failure: java.io.IOException: connection refused")
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void untilPassesRetriesTheAssertionAndReportsItsLastFailure() {
        AtomicInteger polls = new AtomicInteger();
        Await.untilPasses("the second poll", () -> assertThat(polls.incrementAndGet()).isEqualTo(2));

        assertThatThrownBy(() -> Await.untilPasses("an assertion that never holds", SHORT,
                () -> assertThat("actual").isEqualTo("expected")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("waiting for an assertion that never holds; last failure: ")
                .hasMessageContaining("expected")
                .cause().isInstanceOf(AssertionError.class);
    }

    @Test
    void anInterruptEndsTheWaitAtOnce() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Await.until("something that never holds", () -> false))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("interrupted waiting for something that never holds")
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
