package io.codis.common.resp;

import io.codis.common.testkit.RedisServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static io.codis.common.resp.RespBytes.bytes;
import static io.codis.common.resp.RespBytes.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis itself is the reference: a real redis-server splits the same inline lines into the same
 * arguments, and answers the same malformed requests with the same error replies.
 */
@ExtendWith(NettyLeakCheck.class)
class RedisParityTest {

    private static RedisServer redis;
    private static int port;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
        port = redis.port();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b c", "  a   b  ", "a\tb\u000bc\u000cd", "\u000ba", "a\rb", "\"a b\" 'c d'",
            "\"\\x41\\x4a\\x4\\xZZ\" '\\x41'", "\"\\n\\r\\t\\b\\a\\q\\\\\"", "'it\\'s' \"say \\\"hi\\\"\"",
            "x\"a b\"", "x'a b'", "\"\" ''", "\u00e9 \u00ff", "a\"b\" c"})
    void splitsInlineLinesLikeRedis(String line) throws IOException {
        List<String> ours = inlineArguments(line);

        String reply = exchange("DEL parity\r\nRPUSH parity " + line + "\r\nLRANGE parity 0 -1\r\n");

        RespReplyFramer framer = new RespReplyFramer();
        ByteBuf in = Unpooled.wrappedBuffer(bytes(reply));
        List<RespReply> replies = new ArrayList<>();
        for (RespReply r; (r = framer.next(in)) != null; ) {
            replies.add(r);
        }
        assertThat(replies).hasSize(3);
        assertThat(replies.get(1).integer()).isEqualTo(ours.size());
        assertThat(replies.get(2).elements()).extracting(element -> bulkText(element)).isEqualTo(ours);
        replies.forEach(RespReply::release);
    }

    @ParameterizedTest
    @ValueSource(strings = {"set \"a\r\n", "set 'a\r\n", "set \"a\"b\r\n", "set a 'b'c\r\n",
            "*1\r\n:5\r\n", "*2\r\n$3\r\nGET\r\n+k\r\n", "*abc\r\n", "*1\r\n$-1\r\n", "*1\r\n$-7\r\n", "*1\r\n$x\r\n",
            "*1\r\n$536870913\r\n", "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n*1\r\n"})
    void answersMalformedRequestsLikeRedis(String request) throws IOException {
        RespProtocolException error = parseError(request);
        assertThat(error.replyBeforeClose()).isTrue();
        ByteBuf reply = Unpooled.buffer();
        error.writeErrorReply(reply);

        assertThat(text(reply)).isEqualTo(exchange(request));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GET a\0b\r\n", "*1\0\r\n", "*1\r\n$1\0\r\n"})
    void tooLongLinesGetRedisReply(String start) throws IOException {
        String request = start + "x".repeat(RespRequestParser.MAX_LINE_LENGTH + 1);
        ByteBuf reply = Unpooled.buffer();
        parseError(request).writeErrorReply(reply);

        assertThat(text(reply)).isEqualTo(exchange(request));
    }

    private static List<String> inlineArguments(String line) {
        ByteBuf in = RespBytes.buffer("RPUSH parity " + line + "\r\n");
        RespRequest request;
        try {
            request = new RespRequestParser().parse(in);
        } finally {
            in.release();
        }
        try {
            List<String> arguments = new ArrayList<>();
            for (int i = 2; i < request.argCount(); i++) {
                arguments.add(text(request.arg(i)));
            }
            return arguments;
        } finally {
            request.release();
        }
    }

    private static String bulkText(ByteBuf bulk) {
        String frame = text(bulk);
        return frame.substring(frame.indexOf("\r\n") + 2, frame.length() - 2);
    }

    private static RespProtocolException parseError(String request) {
        ByteBuf in = RespBytes.buffer(request);
        try {
            RespRequest parsed = new RespRequestParser().parse(in);
            if (parsed != null) {
                parsed.release();
            }
            throw new AssertionError("no protocol error for " + request);
        } catch (RespProtocolException e) {
            return e;
        } finally {
            in.release();
        }
    }

    /** Sends {@code request} on a new connection and returns all Redis answers until it stops talking. */
    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.getOutputStream().write(bytes(request));
            socket.shutdownOutput();
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            return text(Unpooled.wrappedBuffer(in.readAllBytes()));
        }
    }
}
