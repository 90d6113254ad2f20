package io.codis.proxy.loops;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.proxy.backend.Transport;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchSchedulingTest {

    /** Whether a thread may take the batch policy here (Linux, where the call is allowed). */
    private static boolean settable() throws InterruptedException {
        AtomicBoolean set = new AtomicBoolean();
        Thread probe = new Thread(() -> set.set(BatchScheduling.setForCurrentThread(BatchScheduling.SCHED_BATCH)));
        probe.start();
        probe.join(10_000);
        return set.get();
    }

    @Test
    void theEventLoopsOfTheDataPlaneRunWithTheBatchPolicy() throws Exception {
        int ownPolicy = BatchScheduling.ofCurrentThread();
        // where the policy cannot be set, the loops run with the one they were given
        int expected = settable() ? BatchScheduling.SCHED_BATCH : ownPolicy;
        EventLoopGroup group = new ActiveLoops(1).newGroup(Transport.best(), 2, "batch-policy-test");
        try {
            for (var loop : group) {
                assertThat(loop.submit(BatchScheduling::ofCurrentThread).get(10, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        }
        assertThat(BatchScheduling.ofCurrentThread()).as("other threads keep theirs").isEqualTo(ownPolicy);
    }

    @Test
    void aThreadSetsOnlyItsOwnPolicy() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        Thread thread = BatchScheduling.setting(Thread::new).newThread(() -> seen.set(BatchScheduling.ofCurrentThread()));
        int before = BatchScheduling.ofCurrentThread();
        thread.start();
        thread.join(10_000);
        assertThat(seen.get()).isEqualTo(settable() ? BatchScheduling.SCHED_BATCH : before);
        assertThat(BatchScheduling.ofCurrentThread()).isEqualTo(before);
    }

    @Test
    void theCallingThreadsPolicyIsReadFromProc() throws Exception {
        AtomicInteger seen = new AtomicInteger(-2);
        Thread thread = new Thread(() -> {
            if (BatchScheduling.setForCurrentThread(BatchScheduling.SCHED_BATCH)
                    && BatchScheduling.setForCurrentThread(BatchScheduling.SCHED_OTHER)) {
                seen.set(BatchScheduling.ofCurrentThread());
            }
        });
        thread.start();
        thread.join(10_000);
        if (settable()) {
            assertThat(seen.get()).as("back to SCHED_OTHER").isEqualTo(BatchScheduling.SCHED_OTHER);
        }
    }
}
