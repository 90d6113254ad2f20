package io.codis.proxy.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.resp.RespReply;
import io.codis.common.resp.RespReplyDecoder;
import io.codis.common.resp.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CombinedMsetTest {

    /** Keeps what it is given. */
    private static final class Recorder implements ReplyHandler {
        final List<RespReply> replies = new ArrayList<>();
        final List<String> failures = new ArrayList<>();

        @Override
        public void onReply(RespReply reply) {
            replies.add(reply);
        }

        @Override
        public void onFailure(String error) {
            failures.add(error);
        }
    }

    private static void writePairs(CombinedMset mset, ReplyHandler part, String... pairs) {
        ByteBuf room = mset.room(64 * pairs.length);
        for (String arg : pairs) {
            RespWriter.writeBulk(room, arg.getBytes(StandardCharsets.UTF_8));
        }
        mset.add(part, pairs.length / 2);
    }

    private static RespReply reply(String bytes) {
        EmbeddedChannel channel = new EmbeddedChannel(new RespReplyDecoder());
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII));
        RespReply reply = channel.readInbound();
        channel.finishAndReleaseAll();
        return reply;
    }

    @Test
    void thePartsPairsGoOutAsOneMsetInTheirOrder() {
        CombinedMset mset = new CombinedMset(PooledByteBufAllocator.DEFAULT, 16);
        writePairs(mset, new Recorder(), "a", "1", "b", "22");
        writePairs(mset, new Recorder(), "a", "333");
        ByteBuf command = mset.command();
        assertThat(command.toString(StandardCharsets.US_ASCII)).isEqualTo(
                "*7\r\n$4\r\nMSET\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$2\r\n22\r\n$1\r\na\r\n$3\r\n333\r\n");
        command.release();
    }

    @Test
    void everyPartGetsTheReplyToReleaseOnItsOwn() {
        CombinedMset mset = new CombinedMset(PooledByteBufAllocator.DEFAULT, 16);
        Recorder[] parts = {new Recorder(), new Recorder(), new Recorder()};
        for (Recorder part : parts) {
            writePairs(mset, part, "k", "v");
        }
        mset.command().release();
        RespReply ok = reply("+OK\r\n");
        mset.onReply(ok);
        assertThat(ok.refCnt()).isEqualTo(3);
        for (Recorder part : parts) {
            assertThat(part.replies).containsExactly(ok);
            part.replies.get(0).release();
        }
        assertThat(ok.refCnt()).isZero();
    }

    @Test
    void everyPartGetsTheFailure() {
        CombinedMset mset = new CombinedMset(PooledByteBufAllocator.DEFAULT, 16);
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        writePairs(mset, first, "k", "v");
        writePairs(mset, second, "k", "w");
        mset.discard();
        mset.onFailure(BackendConnection.CONN_RESET);
        assertThat(first.failures).containsExactly(BackendConnection.CONN_RESET);
        assertThat(second.failures).containsExactly(BackendConnection.CONN_RESET);
    }

    @Test
    void aFullMsetTakesNoMoreParts() {
        CombinedMset mset = new CombinedMset(PooledByteBufAllocator.DEFAULT, 16);
        String value = "x".repeat(1000);
        int parts = 0;
        while (mset.room(1100) != null) {
            writePairs(mset, new Recorder(), "k" + parts, value);
            parts++;
        }
        assertThat(parts).isBetween(CombinedMset.MAX_BYTES / 1100, CombinedMset.MAX_BYTES / 1000 + 1);
        ByteBuf command = mset.command();
        assertThat(command.toString(StandardCharsets.US_ASCII)).startsWith("*" + (1 + 2 * parts) + "\r\n$4\r\nMSET\r\n");
        command.release();
    }

    @Test
    void aFirstPartLargerThanTheLimitStillFits() {
        CombinedMset mset = new CombinedMset(PooledByteBufAllocator.DEFAULT, 16);
        assertThat(mset.room(CombinedMset.MAX_BYTES + 1)).isNotNull();
        mset.discard();
    }
}
