package io.codis.common.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NettyLeakCheckTest {

    @Test
    void reportsABufferThatWasNeverReleased() {
        NettyLeakCheck.collectLeaks();
        leakOneBuffer();

        assertThat(NettyLeakCheck.collectLeaks()).anySatisfy(leak -> assertThat(leak).contains("LEAK"));
    }

    @Test
    void reportsNothingWhenEveryBufferIsReleased() {
        NettyLeakCheck.collectLeaks();
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        buf.retainedSlice().release();
        buf.release();

        assertThat(NettyLeakCheck.collectLeaks()).isEmpty();
    }

    private static void leakOneBuffer() {
        PooledByteBufAllocator.DEFAULT.directBuffer(16).writeLong(42);
    }
}
