package io.codis.proxy.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.proxy.pacing.BatchScheduling.Setting;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BatchSchedulingTest {

    private static final Setting LOOP = new Setting(BatchScheduling.SCHED_BATCH, BatchScheduling.LOOP_NICE);

    /** Whether a thread may take the loops' setting here (Linux, where the calls are allowed). */
    private static boolean settable() throws InterruptedException {
        return LoopThreads.onNewThread(() -> BatchScheduling.setForCurrentThread(LOOP.policy(), LOOP.nice()));
    }

    @Test
    void theEventLoopsOfTheDataPlaneRunAsBatchThreadsWithAHigherNice() throws Exception {
        Setting own = BatchScheduling.ofCurrentThread();
        // where the setting cannot be made, the loops run with the one they were given
        Setting expected = settable() ? LOOP : own;
        assertThat(LoopThreads.answers(BatchScheduling::ofCurrentThread)).containsOnly(expected);
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
