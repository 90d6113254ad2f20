package io.codis.proxy.loops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codis.proxy.backend.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ActiveLoopsTest {

    @Test
    void newChannelsGoInTurnToTheActiveLoopsOnly() {
        ActiveLoops active = new ActiveLoops(1);
        EventLoopGroup group = active.newGroup(Transport.best(), 3, "active-loops-test");
        try {
            List<EventExecutor> loops = new ArrayList<>();
            group.forEach(loops::add);

            assertThat(IntStream.range(0, 4).<EventExecutor>mapToObj(i -> group.next())).containsOnly(loops.get(0));
            assertThat(loops).filteredOn(active::isActive).containsExactly(loops.get(0));

            active.setCount(2);
            assertThat(IntStream.range(0, 4).<EventExecutor>mapToObj(i -> group.next()).distinct()).containsExactlyInAnyOrder(loops.get(0),
                    loops.get(1));
            assertThat(loops).filteredOn(active::isActive).containsExactly(loops.get(0), loops.get(1));

            assertThatThrownBy(() -> active.setCount(4)).hasMessage("count = 4, should be between 1 and 3");
            assertThatThrownBy(() -> active.setCount(0)).hasMessage("count = 0, should be between 1 and 3");
        } finally {
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
