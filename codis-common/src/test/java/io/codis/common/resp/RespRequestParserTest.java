package io.codis.common.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static io.codis.common.resp.RespBytes.buffer;
import static io.codis.common.resp.RespBytes.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(NettyLeakCheck.class)
class RespRequestParserTest {

    private final RespRequestParser parser = new RespRequestParser();
    private final List<ByteBuf> inputs = new ArrayList<>();

    @AfterEach
    void releaseInputs() {
        inputs.forEach(ByteBuf::release);
    }

    private ByteBuf input(String text) {
        ByteBuf buf = buffer(text);
        inputs.add(buf);
        return buf;
    }

    /** Parses every complete request of {@code text}, as "ARG1 ARG2 ..." lines. */
    private List<String> parseAll(String text) {
        ByteBuf in = input(text);
        List<String> requests = new ArrayList<>();
        for (RespRequest request; (request = parser.parse(in)) != null; ) {
            requests.add(args(request));
            request.release();
        }
        return requests;
    }

    private static String args(RespRequest request) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < request.argCount(); i++) {
            args.add(text(request.arg(i)));
        }
        return String.join(" ", args);
    }

    /** The error a new parser raises on {@code text}. */
    private RespProtocolException parseError(String text) {
        RespRequestParser parser = new RespRequestParser();
        ByteBuf in = input(text);
        List<RespRequest> parsed = new ArrayList<>();
        try {
            for (RespRequest request; (request = parser.parse(in)) != null; ) {
                parsed.add(request);
            }
        } catch (RespProtocolException e) {
            return e;
        } finally {
            parsed.forEach(RespRequest::release);
        }
        throw new AssertionError("no protocol error for " + text.replace("\r\n", "\\r\\n"));
    }

    private static String errorReply(RespProtocolException e) {
        ByteBuf out = Unpooled.buffer();
        e.writeErrorReply(out);
        return text(out);
    }

    @Test
    void readsAnArrayOfBulkStrings() {
        String frame = "*3\r\n$3\r\nset\r\n$2\r\nk1\r\n$5\r\nhello\r\n";
        ByteBuf in = input(frame);

        RespRequest request = parser.parse(in);

        assertThat(request.argCount()).isEqualTo(3);
        assertThat(request.commandName()).isEqualTo("SET");
        assertThat(text(request.arg(1))).isEqualTo("k1");
        assertThat(request.argBytes(2)).isEqualTo("hello".getBytes());
        assertThat(request.argLength(2)).isEqualTo(5);
        assertThat(text(request.raw())).isEqualTo(frame);
        assertThat(request.isInline()).isFalse();
        assertThat(in.isReadable()).isFalse();
        assertThat(request.toString()).isEqualTo("RespRequest[SET, 3 args, " + frame.length() + " bytes]");
        request.release();
    }

    @Test
    void bulkStringsAreBinarySafe() {
        assertThat(parseAll("*2\r\n$4\r\nECHO\r\n$6\r\na\r\n\0 b\r\n"))
                .containsExactly("ECHO a\r\n\0 b");
        assertThat(parseAll("*2\r\n$3\r\nGET\r\n$0\r\n\r\n")).containsExactly("GET ");
    }

    @Test
    void argumentsShareTheInboundBytesAndOutliveTheInputBuffer() {
        ByteBuf in = buffer("*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n");
        RespRequest request = parser.parse(in);

        in.setByte(in.readerIndex() - 5, 'K');
        assertThat(text(request.arg(1))).isEqualTo("Key");

        in.release();
        assertThat(request.refCnt()).isEqualTo(1);
        assertThat(text(request.arg(1))).isEqualTo("Key");
        assertThat(request.release()).isTrue();
    }

    @Test
    void argumentsAreWrittenOutAsBulkStringsWhateverFormTheyCameIn() {
        ByteBuf in = input("*5\r\n$4\r\nMSET\r\n$1\r\na\r\n$0\r\n\r\n$10\r\n0123456789\r\n$3\r\nx\ny\r\n"
                + "MSET a \"\" k12 \"x\\ny\"\r\n");
        for (String form : List.of("array", "inline")) {
            RespRequest request = parser.parse(in);
            ByteBuf out = Unpooled.buffer();
            request.writeBulkArgs(out, 0, 1);
            request.writeBulkArgs(out, 3, 2);
            request.writeBulkArgs(out, 1, 2);
            String k = form.equals("array") ? "$10\r\n0123456789" : "$3\r\nk12";
            assertThat(text(out)).as(form).isEqualTo("$4\r\nMSET\r\n" + k + "\r\n$3\r\nx\ny\r\n$1\r\na\r\n$0\r\n\r\n");
            assertThatThrownBy(() -> request.writeBulkArgs(out, 4, 2)).isInstanceOf(IndexOutOfBoundsException.class);
            out.release();
            request.release();
        }
    }

    @Test
    void aTakenRawFrameOutlivesTheReleasedRequestUntilItsNewOwnerReleasesIt() {
        ByteBuf in = input("*2\r\n$3\r\nGET\r\n$3\r\nkey\r\nGET  \"a b\"\r\n");
        RespRequest request = parser.parse(in);
        ByteBuf raw = request.takeRaw();
        assertThat(request.release()).isTrue();
        assertThat(raw.refCnt()).isEqualTo(1);
        assertThat(text(raw)).isEqualTo("*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n");
        assertThat(raw.release()).isTrue();

        RespRequest unquoted = parser.parse(in);
        ByteBuf line = unquoted.takeRaw();
        assertThat(unquoted.refCnt()).isEqualTo(1);
        assertThat(unquoted.release()).isTrue();
        assertThat(unquoted.refCnt()).isZero();
        assertThat(text(line)).isEqualTo("GET  \"a b\"\r\n");
        assertThat(line.release()).isTrue();
    }

    @Test
    void readsPipelinedRequestsOneAtATime() {
        assertThat(parseAll("*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$1\r\na\r\nECHO b\r\n*1\r\n$4\r\nPI"))
                .containsExactly("PING", "GET a", "ECHO b");
    }

    @Test
    void commandNameIsUpperCasedAsciiAndLimitedTo64Bytes() {
        ByteBuf in = input("*1\r\n$7\r\nsLoWlOg\r\n*1\r\n$0\r\n\r\n*1\r\n$65\r\n" + "a".repeat(65) + "\r\n"
                + "*1\r\n$64\r\n" + "a".repeat(64) + "\r\n*1\r\n$6\r\nx-y_1\u00e9\r\n");
        List<String> names = new ArrayList<>();
        for (RespRequest request; (request = parser.parse(in)) != null; ) {
            names.add(request.commandName());
            request.release();
        }
        assertThat(names).containsExactly("SLOWLOG", null, null, "A".repeat(64), "X-Y_1\u00e9");
    }

    @Test
    void splitsAnInlineLineOnBlanksDroppingEmptyFields() {
        assertThat(parseAll("set  k1   v1\r\n")).containsExactly("set k1 v1");
        assertThat(parseAll(" \tget\tk\u000b2 \r\n")).containsExactly("get k\u000b2");
    }

    @Test
    void anInlineRequestKeepsItsRawLineAndIsMarkedInline() {
        ByteBuf in = input("set  k1   v1\r\nGET k1\n");

        RespRequest first = parser.parse(in);
        RespRequest second = parser.parse(in);

        assertThat(text(first.raw())).isEqualTo("set  k1   v1\r\n");
        assertThat(first.isInline()).isTrue();
        assertThat(first.commandName()).isEqualTo("SET");
        assertThat(text(second.raw())).isEqualTo("GET k1\n");
        first.release();
        second.release();
    }

    @Test
    void acceptsABareLineFeed() {
        assertThat(parseAll("PING\nECHO a\r\n")).containsExactly("PING", "ECHO a");
    }

    @Test
    void skipsBlankInlineLines() {
        assertThat(parseAll("\r\n\n   \r\n\t\nPING\r\n\r\n")).containsExactly("PING");
    }

    @Test
    void inlineQuotesAndEscapesWorkAsInRedis() {
        assertThat(parseAll("set \"a b\" 'c d'\r\n")).containsExactly("set a b c d");
        assertThat(parseAll("echo \"\\x41\\n\\tz\\\"\" 'it\\'s' \"\"\r\n"))
                .containsExactly("echo A\n\tz\" it's ");
        assertThat(parseAll("echo a\"b c\"\r\n")).containsExactly("echo ab c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"get a\0b c\r\nPING\r\n", "\0\nPING\r\n", "*1\0\r\n$4\r\nPING\r\n", "*1\r\n$4\0\r\nPING\r\n"})
    void aNulByteKeepsALineFromEndingAsInRedis(String text) {
        assertThat(parseAll(text)).isEmpty();
    }

    @Test
    void aLineKeptOpenByANulByteEndsUpTooLong() {
        assertThat(parseError("get a\0b\r\n" + "x".repeat(65536)).getMessage())
                .isEqualTo("Protocol error: too big inline request");
        assertThat(parseError("*1\0\r\n" + "x".repeat(65536)).getMessage())
                .isEqualTo("Protocol error: too big mbulk count string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"set \"a\r\n", "set 'a\r\n", "set \"a\"b\r\n", "set 'a'b\r\n", "echo \"a\\\"\r\n"})
    void unbalancedInlineQuotesGetAnErrorReply(String line) {
        RespProtocolException e = parseError(line);

        assertThat(e.replyBeforeClose()).isTrue();
        assertThat(errorReply(e)).isEqualTo("-ERR Protocol error: unbalanced quotes in request\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*0\r\n", "*-1\r\n", "*-5\r\n"})
    void arraysOfNoElementsCloseTheConnectionSilently(String frame) {
        RespProtocolException e = parseError(frame);

        assertThat(e.replyBeforeClose()).isFalse();
        assertThat(e.getMessage()).isEqualTo("Protocol error: invalid multibulk length");
    }

    @Test
    void anElementThatIsNotABulkStringIsAnError() {
        RespProtocolException e = parseError("*1\r\n:5\r\n");

        assertThat(e.replyBeforeClose()).isTrue();
        assertThat(errorReply(e)).isEqualTo("-ERR Protocol error: expected '$', got ':'\r\n");
    }

    @Test
    void aLineBreakInTheOffendingByteCannotBreakTheErrorReply() {
        assertThat(errorReply(parseError("*1\r\n\r\n"))).isEqualTo("-ERR Protocol error: expected '$', got ' '\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*1048577\r\n", "*abc\r\n", "*\r\n", "*01\r\n", "*+1\r\n", "* 1\r\n", "*1 \r\n",
            "*-0\r\n", "*99999999999999999999\r\n", "*123456789012345678901\r\n"})
    void badArrayLengthsAreErrors(String frame) {
        RespProtocolException e = parseError(frame);

        assertThat(e.replyBeforeClose()).isTrue();
        assertThat(errorReply(e)).isEqualTo("-ERR Protocol error: invalid multibulk length\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$536870913\r\n", "$-1\r\n", "$-2\r\n", "$x\r\n", "$\r\n", "$007\r\n"})
    void badBulkLengthsAreErrors(String header) {
        RespProtocolException e = parseError("*2\r\n$3\r\nGET\r\n" + header);

        assertThat(errorReply(e)).isEqualTo("-ERR Protocol error: invalid bulk length\r\n");
    }

    @Test
    void theLargestLegalCountsWaitForTheirData() {
        assertThat(parseAll("*1048576\r\n$536870912\r\nabc")).isEmpty();
    }

    @Test
    void lengthLinesAndInlineLinesAreLimitedTo64KiB() {
        assertThat(parseError("*" + "1".repeat(65537)).getMessage())
                .isEqualTo("Protocol error: too big mbulk count string");
        assertThat(parseError("*1\r\n$" + "1".repeat(65537)).getMessage())
                .isEqualTo("Protocol error: too big bulk count string");
        assertThat(parseError("a".repeat(65537)).getMessage())
                .isEqualTo("Protocol error: too big inline request");
    }

    @Test
    void anInlineLineOf64KiBIsAccepted() {
        String argument = "a".repeat(65536 - "ECHO \r".length());
        ByteBuf in = input("ECHO " + argument + "\r");
        assertThat(parser.parse(in)).isNull();
        in.writeByte('\n');

        RespRequest request = parser.parse(in);
        assertThat(request.argLength(1)).isEqualTo(argument.length());
        assertThat(request.raw().readableBytes()).isEqualTo(65537);
        request.release();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*1\r\n$3\r\nGETxx", "*1\r\n$3\r\nGET\n\n", "*1\rX", "*1\r\n$3\rX"})
    void linesMustEndInCrLf(String frame) {
        assertThat(errorReply(parseError(frame))).isEqualTo("-ERR Protocol error: missing CRLF\r\n");
    }

    @Test
    void aRequestOverTheWholeRequestLimitClosesSilently() {
        RespRequestParser small = new RespRequestParser(64);
        ByteBuf in = input("*2\r\n$3\r\nSET\r\n$60\r\n");

        assertThatThrownBy(() -> small.parse(in))
                .isInstanceOfSatisfying(RespProtocolException.class, e -> {
                    assertThat(e.replyBeforeClose()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("Protocol error: request too big");
                });
    }

    @Test
    void afterAnErrorEverythingIsDiscarded() {
        ByteBuf in = input("*1\r\n:5\r\n*1\r\n$4\r\nPING\r\n");
        assertThatThrownBy(() -> parser.parse(in)).isInstanceOf(RespProtocolException.class);

        ByteBuf more = input("*1\r\n$4\r\nPING\r\n");
        assertThat(parser.parse(in)).isNull();
        assertThat(parser.parse(more)).isNull();
        assertThat(more.isReadable()).isFalse();
    }

    @Test
    void aBigBulkArrivingInPiecesIsReadOnceComplete() {
        byte[] value = new byte[1 << 20];
        new java.util.Random(1).nextBytes(value);
        ByteBuf in = input("*2\r\n$4\r\nECHO\r\n$" + value.length + "\r\n");
        for (int offset = 0; offset < value.length; offset += 1000) {
            assertThat(parser.parse(in)).isNull();
            in.writeBytes(value, offset, Math.min(1000, value.length - offset));
        }
        assertThat(parser.parse(in)).isNull();
        in.writeBytes("\r\n".getBytes());

        RespRequest request = parser.parse(in);
        assertThat(request.argBytes(1)).isEqualTo(value);
        request.release();
    }

    @Test
    void releasingARequestReleasesItsUnquotedArgumentsToo() {
        ByteBuf in = input("echo \"a b\"\r\n");
        RespRequest request = parser.parse(in);
        ByteBuf arg = request.arg(1);

        assertThat(text(arg)).isEqualTo("a b");
        assertThat(request.retain().release()).isFalse();
        assertThat(request.release()).isTrue();
        assertThat(arg.refCnt()).isZero();
    }
}
