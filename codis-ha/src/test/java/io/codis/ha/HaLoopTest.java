package io.codis.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.api.ApiCalls;
import io.codis.common.api.DashboardApi;
import io.codis.common.rpc.ApiClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** codis-ha's loop when the dashboard does not answer: each failed round is retried after a longer pause, never a crash. */
class HaLoopTest {
    @Test
    void aDashboardThatDoesNotAnswerIsAskedAgainWithBackOff() throws Exception {
        AtomicInteger statsCalls = new AtomicInteger();
        ApiCalls counting = new ApiCalls() {
            @Override
            public <T> T call(String op, java.util.function.Supplier<T> remote) {
                if (op.equals("model")) {
                    statsCalls.incrementAndGet();
                }
                return remote.get();
            }
        };
        HaLoop loop = new HaLoop(new DashboardApi(new ApiClient(), "127.0.0.1:1", counting), 5, true);
        Thread thread = new Thread(loop::run);
        thread.start();
        Thread.sleep(3500);
        assertThat(thread.isAlive()).isTrue();
        loop.close();
        thread.join(2000);
        assertThat(thread.isAlive()).isFalse();
        // tries at 0 s, 1 s and 3 s: the pause doubles (a fixed 1 s would make 4, the 5 s interval 1)
        assertThat(statsCalls.get()).isBetween(2, 3);
    }
}
