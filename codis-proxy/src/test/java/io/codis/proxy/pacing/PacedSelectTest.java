package io.codis.proxy.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PacedSelectTest {

    private final EventLoop loop = new DefaultEventLoop();
    private final WriteBatch batch = new WriteBatch(loop);
    /** The strategy's clock: a window passes only when a test says so. */
    private long now = WriteBatch.WINDOW_NANOS;
    private final PacedSelect strategy = new PacedSelect(() -> now);
    private final List<String> flushed = new ArrayList<>();
    /** What each non-blocking poll finds ready, in turn (0 when empty). */
    private final Queue<Integer> ready = new ArrayDeque<>();
    private int polls;
    private final IntSupplier selectNow = () -> {
        polls++;
        Integer n = ready.poll();
        return n == null ? 0 : n;
    };
    private long backendStamp;
    private final WriteBatch.Member backend = () -> flushed.add("backend");

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }

    private <T> T onLoop(Callable<T> work) throws Exception {
        return loop.submit(work).get();
    }

    private void run(Runnable work) throws Exception {
        loop.submit(work).get();
    }

    /** The batch is attached and busy, and a backend write waits in it. */
    private void busyLoopWroteToBackend() throws Exception {
        run(batch::attach);
        strategy(false);
        makeBusy();
        writeToBackend();
    }

    private int strategy(boolean hasTasks) throws Exception {
        return onLoop(() -> strategy.calculateStrategy(selectNow, hasTasks));
    }

    private void writeToBackend() throws Exception {
        onLoop(() -> backendStamp = batch.addDeferred(backend, backendStamp));
    }

    private void makeBusy() throws Exception {
        run(() -> {
            for (int i = 0; i < WriteBatch.BUSY_SESSIONS; i++) {
                batch.add(() -> { }, 0);
            }
        });
        now += WriteBatch.WINDOW_NANOS;
        ready.add(1);
        assertThat(strategy(false)).as("the window with 16 sessions has ended").isEqualTo(1);
        polls = 0;
    }

    @Test
    void withoutABatchItIsNettysDefault() throws Exception {
        assertThat(strategy(false)).isEqualTo(SelectStrategy.SELECT);
        assertThat(polls).isZero();
        ready.add(3);
        assertThat(strategy(true)).isEqualTo(3);
    }

    @Test
    void aQuietLoopBlocksWithoutPollingAndItsBackendWritesGoOutWithTheRound() throws Exception {
        run(batch::attach);
        assertThat(strategy(false)).isEqualTo(SelectStrategy.SELECT);
        writeToBackend();
        run(() -> { });
        assertThat(flushed).containsExactly("backend");
        assertThat(strategy(false)).isEqualTo(SelectStrategy.SELECT);
        assertThat(polls).isZero();
    }

    @Test
    void aBusyLoopWithNothingReadySleepsLooksAgainAndFlushesBeforeItBlocks() throws Exception {
        busyLoopWroteToBackend();
        assertThat(flushed).isEmpty();

        long start = System.nanoTime();
        assertThat(strategy(false)).isEqualTo(SelectStrategy.SELECT);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(PacedSelect.GATHER_NANOS);
        assertThat(polls).as("one poll, a sleep, a second poll").isEqualTo(2);
        assertThat(flushed).containsExactly("backend");
    }

    @Test
    void aBusyLoopWithSocketsReadyReadsThemAndHoldsBackendWritesForAFewRounds() throws Exception {
        busyLoopWroteToBackend();
        for (int round = 1; round < WriteBatch.DEFER_ROUNDS; round++) {
            ready.add(5);
            assertThat(strategy(false)).isEqualTo(5);
        }
        assertThat(flushed).isEmpty();
        ready.add(5);
        assertThat(strategy(false)).isEqualTo(5);
        assertThat(flushed).containsExactly("backend");

        writeToBackend();
        assertThat(strategy(true)).as("tasks to run: no sleep, no block").isZero();
        assertThat(flushed).containsExactly("backend", "backend");
    }
}
