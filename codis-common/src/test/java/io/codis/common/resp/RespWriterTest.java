package io.codis.common.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.codis.common.resp.RespBytes.buffer;
import static io.codis.common.resp.RespBytes.text;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(NettyLeakCheck.class)
class RespWriterTest {

    private final ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer();

    @AfterEach
    void release() {
        out.release();
    }

    @Test
    void writesSimpleStringsAndErrors() {
        RespWriter.writeSimpleString(out, "OK");
        RespWriter.writeError(out, "ERR handle request, slot is not ready, may be offline");

        assertThat(text(out)).isEqualTo("+OK\r\n-ERR handle request, slot is not ready, may be offline\r\n");
    }

    @Test
    void lineBreaksInLinesBecomeSpaces() {
        RespWriter.writeError(out, "ERR a\r\nb\nc");

        assertThat(text(out)).isEqualTo("-ERR a  b c\r\n");
    }

    @Test
    void writesUtf8Text() {
        RespWriter.writeSimpleString(out, "h\u00e9");

        assertThat(text(out)).isEqualTo("+h\u00c3\u00a9\r\n");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 7, 10, -1, -10, 1234567890123L, Long.MAX_VALUE, Long.MIN_VALUE})
    void writesIntegers(long value) {
        RespWriter.writeInteger(out, value);

        assertThat(text(out)).isEqualTo(":" + value + "\r\n");
    }

    @Test
    void writesBulksNullsAndArrayHeaders() {
        ByteBuf value = buffer("xyz");
        value.readByte();
        RespWriter.writeArrayHeader(out, 4);
        RespWriter.writeBulk(out, "GET".getBytes());
        RespWriter.writeBulk(out, value);
        RespWriter.writeBulk(out, new byte[0]);
        RespWriter.writeNullBulk(out);

        assertThat(text(out)).isEqualTo("*4\r\n$3\r\nGET\r\n$2\r\nyz\r\n$0\r\n\r\n$-1\r\n");
        assertThat(value.readerIndex()).isEqualTo(1);
        value.release();
    }

    @Test
    void whatItWritesFramesAsOneReplyAndParsesAsOneRequest() {
        RespWriter.writeArrayHeader(out, 2);
        RespWriter.writeBulk(out, "ECHO".getBytes());
        RespWriter.writeBulk(out, "a\r\nb".getBytes());

        RespReply reply = new RespReplyFramer().next(out.duplicate());
        assertThat(reply.aggregateLength()).isEqualTo(2);
        assertThat(reply.frame().readableBytes()).isEqualTo(out.readableBytes());
        reply.release();

        RespRequest request = new RespRequestParser().parse(out.duplicate());
        assertThat(request.commandName()).isEqualTo("ECHO");
        assertThat(text(request.arg(1))).isEqualTo("a\r\nb");
        request.release();
    }
}
