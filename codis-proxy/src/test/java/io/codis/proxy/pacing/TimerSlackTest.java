package io.codis.proxy.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimerSlackTest {

    /** Whether a thread may set its own slack here (Linux with a writable /proc). */
    private static boolean settable() throws InterruptedException {
        return LoopThreads.onNewThread(() -> TimerSlack.setForCurrentThread(TimerSlack.ofCurrentThread()));
    }

    @Test
    void theEventLoopsOfTheDataPlaneSleepWithAFineTimerSlack() throws Exception {
        long ownSlack = TimerSlack.ofCurrentThread();
        // where the slack cannot be set, the loops run with the slack they were given
        long expected = settable() ? TimerSlack.LOOP_SLACK_NANOS : ownSlack;
        assertThat(LoopThreads.answers(TimerSlack::ofCurrentThread)).containsOnly(expected);
        assertThat(TimerSlack.ofCurrentThread()).as("other threads keep theirs").isEqualTo(ownSlack);
    }

    @Test
    void aThreadSetsOnlyItsOwnSlack() throws Exception {
        AtomicLong seen = new AtomicLong();
        Thread thread = TimerSlack.setting(7_000, Thread::new).newThread(() -> seen.set(TimerSlack.ofCurrentThread()));
        long before = TimerSlack.ofCurrentThread();
        thread.start();
        thread.join(10_000);
        assertThat(seen.get()).isEqualTo(settable() ? 7_000 : before);
        assertThat(TimerSlack.ofCurrentThread()).isEqualTo(before);
    }
}
