package io.codis.proxy.loops;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.proxy.backend.Transport;
import io.codis.proxy.loops.BatchScheduling.Setting;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BatchSchedulingTest {

    private static final Setting LOOP = new Setting(BatchScheduling.SCHED_BATCH, BatchScheduling.LOOP_NICE);

    /** Whether a thread may take the loops' setting here (Linux, where the calls are allowed). */
    private static boolean settable() throws InterruptedException {
        AtomicBoolean set = new AtomicBoolean();
        Thread probe = new Thread(() -> set.set(BatchScheduling.setForCurrentThread(LOOP.policy(), LOOP.nice())));
        probe.start();
        probe.join(10_000);
        return set.get();
    }

    @Test
    void theEventLoopsOfTheDataPlaneRunAsBatchThreadsWithAHigherNice() throws Exception {
        Setting own = BatchScheduling.ofCurrentThread();
        // where the setting cannot be made, the loops run with the one they were given
        Setting expected = settable() ? LOOP : own;
        EventLoopGroup group = new ActiveLoops(1).newGroup(Transport.best(), 2, "batch-policy-test");
        try {
            for (var loop : group) {
                assertThat(loop.submit(BatchScheduling::ofCurrentThread).get(10, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
        assertThat(BatchScheduling.ofCurrentThread()).as("other threads keep theirs").isEqualTo(own);
    }

    @Test
    void aThreadSetsOnlyItsOwnSetting() throws Exception {
        AtomicReference<Setting> seen = new AtomicReference<>();
        Thread thread = BatchScheduling.setting(Thread::new).newThread(() -> seen.set(BatchScheduling.ofCurrentThread()));
        Setting before = BatchScheduling.ofCurrentThread();
        thread.start();
        thread.join(10_000);
        assertThat(seen.get()).isEqualTo(settable() ? LOOP : before);
        assertThat(BatchScheduling.ofCurrentThread()).isEqualTo(before);
    }

    @Test
    void aPolicyAndNiceOtherThanTheLoopsAreReadBackAsSet() throws Exception {
        AtomicReference<Setting> seen = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            if (BatchScheduling.setForCurrentThread(BatchScheduling.SCHED_OTHER, 7)) {
                seen.set(BatchScheduling.ofCurrentThread());
            }
        });
        thread.start();
        thread.join(10_000);
        if (settable()) {
            assertThat(seen.get()).isEqualTo(new Setting(BatchScheduling.SCHED_OTHER, 7));
        }
    }
}
