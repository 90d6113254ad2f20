package io.codis.proxy.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoalescerTest {

    private static ByteBuf message(char fill, int size) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(size);
        for (int i = 0; i < size; i++) {
            buf.writeByte(fill);
        }
        return buf;
    }

    private static byte[] drain(EmbeddedChannel channel) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            out.release();
            all.writeBytes(bytes);
        }
        return all.toByteArray();
    }

    @Test
    void keepsTheOrderOfSmallAndLargeMessagesAndReleasesThem() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Coalescer coalescer = new Coalescer();
        List<ByteBuf> sent = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        int[] sizes = {10, 300, Coalescer.COPY_LIMIT + 1, 5, 70_000, 1, 40_000, 40_000, 3, Coalescer.COPY_LIMIT + 2, 7};
        char fill = 'a';
        for (int size : sizes) {
            ByteBuf message = message(fill, size);
            sent.add(message);
            expected.append(String.valueOf(fill).repeat(size));
            coalescer.write(channel, message);
            fill++;
        }
        coalescer.writeOut(channel);
        channel.flush();
        assertThat(new String(drain(channel), StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
        for (ByteBuf message : sent) {
            assertThat(message.refCnt()).isZero();
        }
        channel.finishAndReleaseAll();
    }

    @Test
    void aRoundStartsWithTheRoomTheLastRoundNeeded() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Coalescer coalescer = new Coalescer();
        for (int i = 0; i < 16; i++) {
            coalescer.write(channel, message('m', 750));
        }
        coalescer.writeOut(channel);
        assertThat(coalescer.room(channel, 750).capacity()).isGreaterThanOrEqualTo(16 * 750);
        coalescer.room(channel, 100).writeZero(100);
        coalescer.writeOut(channel);
        assertThat(coalescer.room(channel, 750).capacity()).isLessThan(16 * 750);
        coalescer.discard();
        channel.flush();
        assertThat(drain(channel)).hasSize(16 * 750 + 100);
        channel.finishAndReleaseAll();
    }

    @Test
    void aRoundOfOneSmallMessageWritesThatMessageWithoutACopy() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Coalescer coalescer = new Coalescer();
        ByteBuf message = message('q', 64);
        coalescer.write(channel, message);
        coalescer.writeOut(channel);
        channel.flush();
        ByteBuf written = channel.readOutbound();
        assertThat(written).isSameAs(message);
        written.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void discardReleasesWhatWasKeptOrCopied() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Coalescer coalescer = new Coalescer();
        ByteBuf kept = message('k', 10);
        coalescer.write(channel, kept);
        coalescer.discard();
        assertThat(kept.refCnt()).isZero();
        channel.finishAndReleaseAll();
    }

    @Test
    void discardReleasesWhatWasCopied() {
        EmbeddedChannel channel = new EmbeddedChannel();
        Coalescer coalescer = new Coalescer();
        coalescer.write(channel, message('x', 100));
        coalescer.write(channel, message('y', 100));
        coalescer.discard();
        coalescer.writeOut(channel);
        channel.flush();
        assertThat(drain(channel)).isEmpty();
        channel.finishAndReleaseAll();
    }
}
