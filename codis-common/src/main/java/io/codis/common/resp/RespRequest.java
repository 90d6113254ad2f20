package io.codis.common.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.ReferenceCounted;

import java.nio.charset.StandardCharsets;

/**
 * One client request, as {@link RespRequestParser} read it: the request's bytes exactly as they
 * arrived ({@link #raw()}, to forward verbatim) and its arguments, all sharing the inbound buffer
 * (no copy).
 *
 * <p>Reference counted: whoever holds a request releases it once (Netty's
 * {@code ReferenceCountUtil.release} works). Buffers returned by {@link #raw()} and {@link #arg(int)}
 * are views that stay valid only while the request is; retain them to keep them longer.
 */
public final class RespRequest implements ReferenceCounted {

    /** Longest command name {@link #commandName()} returns (Codis' limit). */
    public static final int MAX_COMMAND_NAME_LENGTH = 64;

    private final ByteBuf raw;
    /** Holds the arguments: {@code raw} itself unless an inline request had to be unquoted. */
    private final ByteBuf argData;
    /** Pairs (offset in argData, length) per argument. */
    private final int[] spans;
    private final int argCount;
    private final boolean inline;
    private String commandName;
    /** {@link #raw} was handed over by {@link #takeRaw()}: releasing this request no longer releases it. */
    private boolean rawTaken;

    RespRequest(ByteBuf raw, ByteBuf argData, int[] spans, int argCount, boolean inline) {
        this.raw = raw;
        this.argData = argData;
        this.spans = spans;
        this.argCount = argCount;
        this.inline = inline;
    }

    /** The whole request as received (multibulk frame, or inline line with its line ending). */
    public ByteBuf raw() {
        return raw;
    }

    /**
     * Hands {@link #raw()} and its reference over to the caller, who releases it (forwarding a request
     * without a retain and a release); the arguments must not be read after this.
     */
    public ByteBuf takeRaw() {
        rawTaken = true;
        return raw;
    }

    /** True for an inline (telnet style) request, false for a RESP array of bulk strings. */
    public boolean isInline() {
        return inline;
    }

    /** Number of arguments, command name included; always at least 1. */
    public int argCount() {
        return argCount;
    }

    public int argLength(int index) {
        return spans[checkIndex(index) * 2 + 1];
    }

    /** Argument {@code index} as a view (not retained) of the request's bytes. */
    public ByteBuf arg(int index) {
        int i = checkIndex(index) * 2;
        return argData.slice(spans[i], spans[i + 1]);
    }

    /**
     * The buffer holding the arguments (not retained, valid while the request is): argument
     * {@code i} is its {@link #argLength(int)} bytes at absolute index {@link #argIndex(int)}. Lets
     * the hot path read arguments without creating a slice per access.
     */
    public ByteBuf argBuffer() {
        return argData;
    }

    /** The absolute index in {@link #argBuffer()} of argument {@code index}'s first byte. */
    public int argIndex(int index) {
        return spans[checkIndex(index) * 2];
    }

    /**
     * Appends arguments {@code first} to {@code first + count - 1} to {@code out} as bulk strings
     * ({@code $len\r\n<bytes>\r\n} each). Those of a RESP array are copied as they arrived, in one
     * piece: the parser takes only canonical lengths, so their headers are the ones this would write.
     */
    public void writeBulkArgs(ByteBuf out, int first, int count) {
        int from = checkIndex(first) * 2;
        int last = checkIndex(first + count - 1) * 2;
        if (inline) {
            for (int i = from; i <= last; i += 2) {
                RespWriter.writeBulk(out, argData, spans[i], spans[i + 1]);
            }
            return;
        }
        int start = spans[from] - 3;
        while (argData.getByte(start) != '$') {
            start--;
        }
        int end = spans[last] + spans[last + 1] + 2;
        out.writeBytes(argData, start, end - start);
    }

    /** A copy of argument {@code index}. */
    public byte[] argBytes(int index) {
        int i = checkIndex(index) * 2;
        return ByteBufUtil.getBytes(argData, spans[i], spans[i + 1]);
    }

    /**
     * Argument 0 with ASCII letters upper-cased (other bytes kept, one char per byte), or
     * {@code null} when it is empty or longer than {@link #MAX_COMMAND_NAME_LENGTH} bytes, which
     * Codis answers with {@code bad command length, too short or too long}.
     */
    public String commandName() {
        String name = commandName;
        if (name == null) {
            int length = spans[1];
            if (length == 0 || length > MAX_COMMAND_NAME_LENGTH) {
                return null;
            }
            byte[] bytes = new byte[length];
            argData.getBytes(spans[0], bytes);
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                if (b >= 'a' && b <= 'z') {
                    bytes[i] = (byte) (b - ('a' - 'A'));
                }
            }
            name = new String(bytes, StandardCharsets.ISO_8859_1);
            commandName = name;
        }
        return name;
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= argCount) {
            throw new IndexOutOfBoundsException("argument " + index + " of " + argCount);
        }
        return index;
    }

    @Override
    public int refCnt() {
        if (rawTaken) {
            return argData != raw ? argData.refCnt() : 0;
        }
        return raw.refCnt();
    }

    @Override
    public RespRequest retain() {
        return retain(1);
    }

    @Override
    public RespRequest retain(int increment) {
        raw.retain(increment);
        if (argData != raw) {
            argData.retain(increment);
        }
        return this;
    }

    @Override
    public RespRequest touch() {
        return touch(null);
    }

    @Override
    public RespRequest touch(Object hint) {
        raw.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return release(1);
    }

    @Override
    public boolean release(int decrement) {
        boolean freed = true;
        if (argData != raw) {
            freed = argData.release(decrement);
        }
        if (!rawTaken) {
            freed = raw.release(decrement);
        }
        return freed;
    }

    @Override
    public String toString() {
        String name = refCnt() > 0 ? commandName() : commandName;
        return "RespRequest[" + (name == null ? "?" : name) + ", " + argCount + " args, "
                + raw.readableBytes() + " bytes" + (inline ? ", inline]" : "]");
    }
}
