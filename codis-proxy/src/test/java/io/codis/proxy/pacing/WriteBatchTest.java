package io.codis.proxy.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteBatchTest {

    private final EventLoop loop = new DefaultEventLoop();
    private final WriteBatch batch = new WriteBatch(loop);
    private final List<String> flushed = new ArrayList<>();

    /** A member that records its flushes and keeps its stamp as a session or a backend does. */
    private final class Recorder implements WriteBatch.Member {
        final String name;
        long stamp;

        Recorder(String name) {
            this.name = name;
        }

        void write() {
            stamp = batch.add(this, stamp);
        }

        void writeDeferred() {
            stamp = batch.addDeferred(this, stamp);
        }

        @Override
        public void flushBatch() {
            flushed.add(name);
        }
    }

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
    }

    private void run(Runnable work) throws Exception {
        loop.submit(work).get();
    }

    private <T> T onLoop(Callable<T> work) throws Exception {
        return loop.submit(work).get();
    }

    /** Makes the loop busy: {@code sessions} different sessions get replies, then a window passes. */
    private boolean replyTo(int sessions, long nowNanos) throws Exception {
        return onLoop(() -> {
            for (int i = 0; i < sessions; i++) {
                Recorder session = new Recorder("s" + i);
                session.write();
                session.write();
            }
            return batch.busy(nowNanos);
        });
    }

    @Test
    void membersWrittenInARoundAreFlushedOnceWhenItEnds() throws Exception {
        run(() -> {
            Recorder a = new Recorder("a");
            Recorder b = new Recorder("b");
            a.write();
            b.write();
            a.write();
        });
        run(() -> { });
        assertThat(flushed).containsExactly("a", "b");
    }

    @Test
    void aLoopIsBusyWhenSixteenSessionsGetRepliesWithinAWindow() throws Exception {
        long t = WriteBatch.WINDOW_NANOS;
        assertThat(replyTo(WriteBatch.BUSY_SESSIONS - 1, t)).as("15 sessions in the window that ended").isFalse();
        assertThat(replyTo(WriteBatch.BUSY_SESSIONS, 2 * t)).as("16 sessions").isTrue();
        assertThat(replyTo(0, 2 * t + t / 2)).as("decided once a window").isTrue();
        assertThat(replyTo(0, 3 * t)).as("a window without replies").isFalse();
        Recorder one = new Recorder("one");
        assertThat(onLoop(() -> {
            for (int i = 0; i < 100; i++) {
                one.write();
                batch.flush();
            }
            return batch.busy(4 * t);
        })).as("one session, many rounds").isFalse();
    }

    @Test
    void backendWritesGoOutWithTheRoundUnlessThePacedLoopIsBusy() throws Exception {
        Recorder backend = new Recorder("backend");
        run(backend::writeDeferred);
        run(() -> { });
        assertThat(flushed).as("a quiet loop").containsExactly("backend");
        assertThat(batch.hasDeferred()).isFalse();
    }

    @Test
    void aBusyLoopHoldsBackendWritesUntilItFindsNothingToReadOrForDeferRounds() throws Exception {
        assertThat(replyTo(WriteBatch.BUSY_SESSIONS, WriteBatch.WINDOW_NANOS)).isTrue();
        run(() -> { });
        flushed.clear();
        Recorder backend = new Recorder("backend");

        run(() -> {
            backend.writeDeferred();
            backend.writeDeferred();
        });
        run(() -> { });
        assertThat(flushed).as("held past the round").isEmpty();
        run(() -> {
            for (int i = 1; i < WriteBatch.DEFER_ROUNDS; i++) {
                batch.endRound(false);
            }
        });
        assertThat(flushed).as("more to read for fewer than DEFER_ROUNDS rounds").isEmpty();
        run(() -> batch.endRound(false));
        assertThat(flushed).as("listed once, flushed after DEFER_ROUNDS rounds").containsExactly("backend");

        run(() -> {
            backend.writeDeferred();
            batch.endRound(true);
        });
        assertThat(flushed).as("nothing to read: flushed at once").containsExactly("backend", "backend");

        run(() -> {
            backend.writeDeferred();
            batch.flush();
        });
        assertThat(flushed).as("flush() takes the deferred writes too").hasSize(3);
        assertThat(batch.hasDeferred()).isFalse();
    }
}
