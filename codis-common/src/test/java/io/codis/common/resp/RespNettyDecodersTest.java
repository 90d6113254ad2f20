package io.codis.common.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.codis.common.resp.RespBytes.buffer;
import static io.codis.common.resp.RespBytes.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(NettyLeakCheck.class)
class RespNettyDecodersTest {

    private EmbeddedChannel channel;

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void requestDecoderEmitsRequestsAsTheyComplete() {
        channel = new EmbeddedChannel(new RespRequestDecoder());

        assertThat(channel.writeInbound(buffer("*2\r\n$3\r\nGET\r\n$1\r"))).isFalse();
        assertThat(channel.writeInbound(buffer("\na\r\nPING\r\n\r\nECHO x\r\n"))).isTrue();

        RespRequest get = channel.readInbound();
        RespRequest ping = channel.readInbound();
        RespRequest echo = channel.readInbound();
        assertThat(text(get.raw())).isEqualTo("*2\r\n$3\r\nGET\r\n$1\r\na\r\n");
        assertThat(ping.commandName()).isEqualTo("PING");
        assertThat(text(echo.arg(1))).isEqualTo("x");
        assertThat((Object) channel.readInbound()).isNull();
        get.release();
        ping.release();
        echo.release();
    }

    @Test
    void requestDecoderDeliversGoodRequestsThenTheProtocolError() {
        channel = new EmbeddedChannel(new RespRequestDecoder());

        assertThatThrownBy(() -> channel.writeInbound(buffer("PING\r\n*1\r\n:5\r\nPING\r\n")))
                .isInstanceOfSatisfying(RespProtocolException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("Protocol error: expected '$', got ':'"));

        RespRequest ping = channel.readInbound();
        assertThat(ping.commandName()).isEqualTo("PING");
        ping.release();
        assertThat(channel.writeInbound(buffer("PING\r\n"))).isFalse();
    }

    @Test
    void replyDecoderEmitsRepliesAsTheyComplete() {
        channel = new EmbeddedChannel(new RespReplyDecoder());

        assertThat(channel.writeInbound(buffer("+OK\r\n*2\r\n$3\r\nfoo"))).isTrue();
        assertThat(channel.writeInbound(buffer("\r\n:1\r\n"))).isTrue();

        RespReply ok = channel.readInbound();
        RespReply array = channel.readInbound();
        assertThat(text(ok.frame())).isEqualTo("+OK\r\n");
        assertThat(text(array.frame())).isEqualTo("*2\r\n$3\r\nfoo\r\n:1\r\n");
        ok.release();
        array.release();
    }

    @Test
    void replyDecoderReportsMalformedReplies() {
        channel = new EmbeddedChannel(new RespReplyDecoder());

        assertThatThrownBy(() -> channel.writeInbound(buffer("%1\r\n+a\r\n@\r\n")))
                .isInstanceOf(RespProtocolException.class)
                .hasMessage("bad resp type <unknown-0x40>");
    }

    @Test
    void aPartialRequestLeftAtCloseLeaksNothing() {
        channel = new EmbeddedChannel(new RespRequestDecoder());

        channel.writeInbound(buffer("*2\r\n$3\r\nGET\r\n$100\r\nabc"));
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void argumentsOfADecodedRequestKeepTheirBytesWhileTheDecoderReadsOn() {
        channel = new EmbeddedChannel(new RespRequestDecoder());

        channel.writeInbound(buffer("*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n*1\r\n$4\r\nPI"));
        RespRequest get = channel.readInbound();
        ByteBuf key = get.arg(1);
        channel.writeInbound(buffer("NG\r\n" + "x".repeat(10000) + "\r\n"));

        assertThat(text(key)).isEqualTo("key");
        RespRequest ping = channel.readInbound();
        RespRequest inline = channel.readInbound();
        assertThat(ping.commandName()).isEqualTo("PING");
        assertThat(inline.argLength(0)).isEqualTo(10000);
        get.release();
        ping.release();
        inline.release();
    }
}
