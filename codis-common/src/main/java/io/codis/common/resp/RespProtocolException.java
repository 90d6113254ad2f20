package io.codis.common.resp;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.DecoderException;

/**
 * Malformed RESP input. The connection it came from must be closed: a parser that threw it
 * discards everything it is given afterwards.
 *
 * <p>For a client connection, {@link #replyBeforeClose()} tells whether the client should first get
 * {@link #writeErrorReply(ByteBuf) the error reply} ({@code -ERR Protocol error: ...}, Redis 7's text)
 * or whether the connection is closed silently (Codis closes on {@code *0} and {@code *-1} without a
 * word). Errors found in backend replies never ask for a reply; their message is the text Codis
 * shows in {@code -ERR handle response, backend conn failure, <message>}.
 *
 * <p>Extends {@link DecoderException} so that a Netty {@code ByteToMessageDecoder} passes it to
 * {@code exceptionCaught} unwrapped. It carries no stack trace: it reports bad input, not a bug.
 */
public final class RespProtocolException extends DecoderException {

    private static final long serialVersionUID = 1L;

    private final boolean replyBeforeClose;

    private RespProtocolException(String message, boolean replyBeforeClose) {
        super(message);
        this.replyBeforeClose = replyBeforeClose;
    }

    static RespProtocolException replyThenClose(String message) {
        return new RespProtocolException(message, true);
    }

    static RespProtocolException closeSilently(String message) {
        return new RespProtocolException(message, false);
    }

    /** True when the peer should get {@link #writeErrorReply(ByteBuf)} before the connection is closed. */
    public boolean replyBeforeClose() {
        return replyBeforeClose;
    }

    /** Writes {@code -ERR <message>\r\n}, e.g. {@code -ERR Protocol error: invalid bulk length}. */
    public void writeErrorReply(ByteBuf out) {
        RespWriter.writeError(out, "ERR " + getMessage());
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
