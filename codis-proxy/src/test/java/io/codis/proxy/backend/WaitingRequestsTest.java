package io.codis.proxy.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitingRequestsTest {

    @Test
    void entriesComeOutInOrderWithTheirOwnHandlerAcrossGrowth() {
        WaitingRequests waiting = new WaitingRequests();
        List<ReplyHandler> handlers = new ArrayList<>();
        int next = 0;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 13; i++) {
                ReplyHandler handler = new EmbeddedBackend.Recorder();
                handlers.add(handler);
                waiting.add(Unpooled.buffer().writeInt(handlers.size() - 1), handler);
            }
            for (int i = 0; i < 7; i++, next++) {
                ByteBuf payload = waiting.headPayload();
                assertThat(payload.getInt(0)).isEqualTo(next);
                assertThat(waiting.headHandler()).isSameAs(handlers.get(next));
                waiting.removeHead();
                payload.release();
            }
        }
        assertThat(waiting.size()).isEqualTo(5 * 13 - 5 * 7);
        List<ReplyHandler> failed = new ArrayList<>();
        waiting.releaseInto(failed);
        assertThat(failed).containsExactlyElementsOf(handlers.subList(next, handlers.size()));
        assertThat(waiting.isEmpty()).isTrue();
    }
}
