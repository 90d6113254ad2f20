package io.codis.common.resp;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.codis.common.resp.RespBytes.buffer;
import static io.codis.common.resp.RespBytes.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(NettyLeakCheck.class)
class RespReplyFramerTest {

    private final RespReplyFramer framer = new RespReplyFramer();
    private final List<ByteBuf> inputs = new ArrayList<>();
    private final List<RespReply> replies = new ArrayList<>();

    @AfterEach
    void release() {
        inputs.forEach(ByteBuf::release);
        replies.forEach(RespReply::release);
    }

    private ByteBuf input(String text) {
        ByteBuf buf = buffer(text);
        inputs.add(buf);
        return buf;
    }

    /** The single reply {@code frame} holds, framed while a next reply follows it. */
    private RespReply frame(String frame) {
        ByteBuf in = input(frame + "+NEXT\r\n");
        RespReply reply = framer.next(in);
        assertThat(reply).as("reply of %s", frame).isNotNull();
        replies.add(reply);
        assertThat(text(reply.frame())).isEqualTo(frame);
        RespReply next = framer.next(in);
        replies.add(next);
        assertThat(text(next.frame())).isEqualTo("+NEXT\r\n");
        assertThat(in.isReadable()).isFalse();
        return reply;
    }

    private RespProtocolException frameError(String text) {
        ByteBuf in = input(text);
        RespReplyFramer framer = new RespReplyFramer();
        try {
            for (RespReply reply; (reply = framer.next(in)) != null; ) {
                replies.add(reply);
            }
        } catch (RespProtocolException e) {
            assertThat(e.replyBeforeClose()).isFalse();
            return e;
        }
        throw new AssertionError("no protocol error for " + text.replace("\r\n", "\\r\\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "+OK\r\n", "+\r\n", "-ERR unknown command 'FOO'\r\n", ":0\r\n", ":-42\r\n",
            "$3\r\nfoo\r\n", "$0\r\n\r\n", "$-1\r\n", "$4\r\na\r\nb\r\n",
            "*-1\r\n", "*0\r\n", "*2\r\n$1\r\na\r\n:1\r\n", "*2\r\n*1\r\n+a\r\n*0\r\n",
            "*3\r\n$-1\r\n*-1\r\n-ERR x\r\n",
            "_\r\n", ",3.14\r\n", ",-inf\r\n", "#t\r\n", "#f\r\n", "!21\r\nSYNTAX invalid syntax\r\n",
            "=15\r\ntxt:Some string\r\n", "(3492890328409238509324850943850943825024385\r\n",
            "%2\r\n+first\r\n:1\r\n+second\r\n*1\r\n:2\r\n", "%0\r\n", "~3\r\n:1\r\n:2\r\n+x\r\n",
            ">3\r\n+message\r\n+channel\r\n$5\r\nhello\r\n",
            "|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.19\r\n*2\r\n:1\r\n:2\r\n", "|0\r\n+OK\r\n",
            "*2\r\n|1\r\n+a\r\n+b\r\n:1\r\n:2\r\n",
            "$?\r\n;4\r\nHell\r\n;5\r\no wor\r\n;1\r\nd\r\n;0\r\n", "$?\r\n;0\r\n",
            "*?\r\n:1\r\n:2\r\n.\r\n", "*?\r\n.\r\n", "%?\r\n+a\r\n:1\r\n.\r\n", "~?\r\n*?\r\n.\r\n$?\r\n;1\r\nx\r\n;0\r\n.\r\n",
    })
    void framesEveryTypeExactly(String reply) {
        frame(reply);
    }

    @Test
    void aReplyIsARetainedSliceThatOutlivesTheInputBuffer() {
        ByteBuf in = buffer("*2\r\n$3\r\nfoo\r\n:7\r\n");
        RespReply reply = framer.next(in);
        in.release();

        assertThat(text(reply.frame())).isEqualTo("*2\r\n$3\r\nfoo\r\n:7\r\n");
        assertThat(reply.release()).isTrue();
        assertThat(in.refCnt()).isZero();
    }

    @Test
    void waitsForTheWholeReply() {
        ByteBuf in = input("*2\r\n$3\r\nfoo\r\n:7\r");
        assertThat(framer.next(in)).isNull();
        assertThat(in.readableBytes()).isEqualTo(16);
        in.writeByte('\n');
        replies.add(framer.next(in));
        assertThat(replies.get(0).type()).isEqualTo((byte) '*');
    }

    @Test
    void describesErrors() {
        RespReply reply = frame("-MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.\r\n");

        assertThat(reply.isError()).isTrue();
        assertThat(reply.textStartsWith("MASTERDOWN")).isTrue();
        assertThat(reply.textStartsWith("LOADING")).isFalse();
        assertThat(reply.text()).startsWith("MASTERDOWN Link with MASTER");
        assertThat(reply.typeName()).isEqualTo("<error>");
    }

    @Test
    void describesBlobErrorsAndStrings() {
        RespReply blobError = frame("!9\r\nLOADING x\r\n");
        assertThat(blobError.isError()).isTrue();
        assertThat(blobError.textStartsWith("LOADING")).isTrue();
        assertThat(blobError.text()).isEqualTo("LOADING x");

        RespReply bulk = frame("$6\r\nh\u00c3\u00a9llo\r\n");
        assertThat(bulk.isError()).isFalse();
        assertThat(bulk.text()).isEqualTo("h\u00e9llo");
        assertThat(bulk.textStartsWith("h\u00c3")).isTrue();
        assertThat(frame("+PONG\r\n").text()).isEqualTo("PONG");
    }

    @ParameterizedTest
    @CsvSource({"0,0", "-1,-1", "1234567,1234567", "9223372036854775807,9223372036854775807",
            "-9223372036854775808,-9223372036854775808"})
    void readsIntegers(String text, long value) {
        RespReply reply = frame(":" + text + "\r\n");

        assertThat(reply.integer()).isEqualTo(value);
        assertThat(reply.typeName()).isEqualTo("<int>");
    }

    @Test
    void integerOfAnotherTypeIsRefused() {
        RespReply reply = frame("+1\r\n");
        assertThatThrownBy(reply::integer).isInstanceOf(IllegalStateException.class).hasMessageContaining("<string>");
    }

    @Test
    void recognisesNulls() {
        assertThat(frame("$-1\r\n").isNull()).isTrue();
        assertThat(frame("*-1\r\n").isNull()).isTrue();
        assertThat(frame("_\r\n").isNull()).isTrue();
        assertThat(frame("$0\r\n\r\n").isNull()).isFalse();
        assertThat(frame("*0\r\n").isNull()).isFalse();
        assertThat(frame(":-1\r\n").isNull()).isFalse();
        assertThatThrownBy(frame("$-1\r\n")::text).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void splitsAggregatesIntoElementFrames() {
        RespReply array = frame("*3\r\n$1\r\na\r\n*2\r\n:1\r\n$-1\r\n-ERR e\r\n");

        assertThat(array.aggregateLength()).isEqualTo(3);
        assertThat(array.elements()).extracting(RespBytes::text)
                .containsExactly("$1\r\na\r\n", "*2\r\n:1\r\n$-1\r\n", "-ERR e\r\n");

        RespReply map = frame("%1\r\n+k\r\n:1\r\n");
        assertThat(map.aggregateLength()).isEqualTo(1);
        assertThat(map.elements()).extracting(RespBytes::text).containsExactly("+k\r\n", ":1\r\n");

        RespReply nullArray = frame("*-1\r\n");
        assertThat(nullArray.aggregateLength()).isEqualTo(-1);
        assertThat(nullArray.elements()).isEmpty();
        assertThatThrownBy(frame("*?\r\n.\r\n")::aggregateLength).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(frame(":1\r\n")::elements).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void namesTypesAsCodisDoes() {
        assertThat(frame("+OK\r\n").typeName()).isEqualTo("<string>");
        assertThat(frame("$1\r\nx\r\n").typeName()).isEqualTo("<bulkbytes>");
        assertThat(frame("*0\r\n").typeName()).isEqualTo("<array>");
        assertThat(frame("%0\r\n").typeName()).isEqualTo("<map>");
    }

    static Stream<Arguments> malformedReplies() {
        return Stream.of(
                Arguments.of("@x\r\n", "bad resp type <unknown-0x40>"),
                Arguments.of("\r\n", "bad resp type <unknown-0x0d>"),
                Arguments.of(".\r\n", "bad resp type <unknown-0x2e>"),
                Arguments.of("*1\r\n.\r\n", "bad resp type <unknown-0x2e>"),
                Arguments.of(";3\r\nabc\r\n", "bad resp type <unknown-0x3b>"),
                Arguments.of("$?\r\n+OK\r\n", "bad resp type <unknown-0x2b>"),
                Arguments.of("$-2\r\n", "bad bulk bytes len"),
                Arguments.of("!-1\r\n", "bad bulk bytes len"),
                Arguments.of("$x\r\n", "bad bulk bytes len"),
                Arguments.of("$536870913\r\n", "bad bulk bytes len, too long"),
                Arguments.of("$?\r\n;-1\r\n", "bad bulk bytes len"),
                Arguments.of("*-2\r\n", "bad array len"),
                Arguments.of("%-1\r\n", "bad array len"),
                Arguments.of("*2147483648\r\n", "bad array len, too long"),
                Arguments.of("*\r\n", "bad array len"),
                Arguments.of(":1x\r\n", "bad resp int"),
                Arguments.of(":\r\n", "bad resp int"),
                Arguments.of("$3\r\nfooXY", "bad CRLF end"),
                Arguments.of("+OK\rX", "bad CRLF end"));
    }

    @ParameterizedTest
    @MethodSource("malformedReplies")
    void malformedRepliesAreErrors(String input, String message) {
        assertThat(frameError(input).getMessage()).isEqualTo(message);
    }

    @Test
    void nestingIsLimitedTo512Aggregates() {
        String deepest = "*1\r\n".repeat(RespReplyFramer.MAX_NESTING_DEPTH) + ":1\r\n";
        frame(deepest);

        assertThat(frameError("*1\r\n".repeat(RespReplyFramer.MAX_NESTING_DEPTH + 1)).getMessage())
                .isEqualTo("bad resp, nested too deep");
    }

    @Test
    void theLargestLegalCountsWaitForTheirData() {
        ByteBuf in = input("*2147483647\r\n$536870912\r\nabc");
        assertThat(framer.next(in)).isNull();
        assertThat(in.readableBytes()).isEqualTo(28);
    }

    @Test
    void afterAnErrorEverythingIsDiscarded() {
        ByteBuf in = input("@\r\n+OK\r\n");
        assertThatThrownBy(() -> framer.next(in)).isInstanceOf(RespProtocolException.class);

        ByteBuf more = input("+OK\r\n");
        assertThat(framer.next(more)).isNull();
        assertThat(more.isReadable()).isFalse();
    }
}
