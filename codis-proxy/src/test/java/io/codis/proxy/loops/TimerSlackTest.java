package io.codis.proxy.loops;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.proxy.backend.Transport;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimerSlackTest {

    /** Whether a thread may set its own slack here (Linux with a writable /proc). */
    private static boolean settable() throws InterruptedException {
        AtomicBoolean set = new AtomicBoolean();
        Thread probe = new Thread(() -> set.set(TimerSlack.setForCurrentThread(TimerSlack.ofCurrentThread())));
        probe.start();
        probe.join(10_000);
        return set.get();
    }

    @Test
    void theEventLoopsOfTheDataPlaneSleepWithAFineTimerSlack() throws Exception {
        long ownSlack = TimerSlack.ofCurrentThread();
        // where the slack cannot be set, the loops run with the slack they were given
        long expected = settable() ? TimerSlack.LOOP_SLACK_NANOS : ownSlack;
        EventLoopGroup group = new ActiveLoops(1).newGroup(Transport.best(), 2, "timer-slack-test");
        try {
            for (var loop : group) {
                assertThat(loop.submit(TimerSlack::ofCurrentThread).get(10, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
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
