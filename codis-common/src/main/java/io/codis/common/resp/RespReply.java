package io.codis.common.resp;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One complete reply as {@link RespReplyFramer} cut it: its bytes exactly as the backend sent them
 * ({@link #frame()}, to forward verbatim), plus cheap looks at what the proxy needs (type, error
 * text, integer value, element count) without decoding the rest.
 *
 * <p>Reference counted like {@link RespRequest}: the holder releases it once; views it returns are
 * valid while it is.
 */
public final class RespReply implements ReferenceCounted {

    private final ByteBuf frame;
    private final byte type;

    RespReply(ByteBuf frame) {
        this.frame = frame;
        this.type = frame.getByte(frame.readerIndex());
    }

    /** The reply's bytes (a view, not retained). */
    public ByteBuf frame() {
        return frame;
    }

    /** The type byte: {@code '+' '-' ':' '$' '*'} or a RESP3 one ({@code '_' ',' '#' '!' '=' '(' '%' '~' '|' '>'}). */
    public byte type() {
        return type;
    }

    /** An error: {@code -...} or a RESP3 blob error {@code !...}. */
    public boolean isError() {
        return type == '-' || type == '!';
    }

    /** {@code $-1}, {@code *-1} or RESP3's {@code _}. */
    public boolean isNull() {
        return type == '_' || ((type == '$' || type == '*') && frame.getByte(frame.readerIndex() + 1) == '-');
    }

    /**
     * The text of a one-line reply ({@code + - : , # ( _}) or of a blob ({@code $ ! =}), decoded as
     * UTF-8; e.g. {@code MASTERDOWN Link with MASTER is down} for an error.
     *
     * @throws IllegalStateException for an aggregate, a null bulk or a streamed string
     */
    public String text() {
        int start = textStart();
        return frame.toString(start, textEnd() - start, StandardCharsets.UTF_8);
    }

    /** Whether {@link #text()} starts with {@code prefix} (compared as ASCII, without decoding the text). */
    public boolean textStartsWith(String prefix) {
        int start = textStart();
        int length = prefix.length();
        if (textEnd() - start < length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (frame.getByte(start + i) != (byte) prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The value of an integer reply ({@code :}).
     *
     * @throws IllegalStateException for any other type
     */
    public long integer() {
        if (type != ':') {
            throw new IllegalStateException("not an integer reply: " + typeName());
        }
        int start = frame.readerIndex() + 1;
        return RespLong.parse(frame, start, frame.writerIndex() - 2);
    }

    /**
     * The element count an aggregate declares ({@code * % ~ > |}; pairs for {@code %} and {@code |}),
     * -1 for the null array {@code *-1}.
     *
     * @throws IllegalStateException for other types and streamed aggregates
     */
    public long aggregateLength() {
        int headerEnd = aggregateHeaderEnd();
        return RespLong.parse(frame, frame.readerIndex() + 1, headerEnd - 2);
    }

    /**
     * The elements of an array, set or push reply (keys and values alternating for a map), each a
     * view of {@link #frame()}; empty for the null array.
     *
     * @throws IllegalStateException for other types and streamed aggregates
     */
    public List<ByteBuf> elements() {
        if (type == '|') {
            throw new IllegalStateException("elements of an attribute");
        }
        int count = (int) (type == '%' ? aggregateLength() * 2 : aggregateLength());
        List<ByteBuf> elements = new ArrayList<>(Math.max(count, 0));
        ByteBuf rest = frame.duplicate();
        rest.readerIndex(aggregateHeaderEnd());
        RespReplyFramer framer = new RespReplyFramer();
        for (int i = 0; i < count; i++) {
            int length = framer.frameLength(rest);
            elements.add(frame.slice(rest.readerIndex(), length));
            rest.skipBytes(length);
        }
        return elements;
    }

    /**
     * The type as Codis names it in error messages: {@code <string> <error> <int> <bulkbytes>
     * <array>}; RESP3 types get similar names.
     */
    public String typeName() {
        return switch (type) {
            case '+' -> "<string>";
            case '-' -> "<error>";
            case ':' -> "<int>";
            case '$' -> "<bulkbytes>";
            case '*' -> "<array>";
            case '_' -> "<null>";
            case ',' -> "<double>";
            case '#' -> "<boolean>";
            case '!' -> "<blob-error>";
            case '=' -> "<verbatim>";
            case '(' -> "<bignumber>";
            case '%' -> "<map>";
            case '~' -> "<set>";
            case '|' -> "<attribute>";
            case '>' -> "<push>";
            default -> String.format("<unknown-0x%02x>", type & 0xff);
        };
    }

    private int textStart() {
        int start = frame.readerIndex() + 1;
        switch (type) {
            case '+', '-', ':', ',', '#', '(', '_' -> {
                return start;
            }
            case '$', '!', '=' -> {
                byte first = frame.getByte(start);
                if (first == '-' || first == '?') {
                    throw new IllegalStateException("no text in " + (first == '-' ? "a null bulk" : "a streamed string"));
                }
                return frame.indexOf(start, frame.writerIndex(), (byte) '\r') + 2;
            }
            default -> throw new IllegalStateException("no text in " + typeName());
        }
    }

    private int textEnd() {
        return frame.writerIndex() - 2;
    }

    private int aggregateHeaderEnd() {
        int start = frame.readerIndex() + 1;
        if ("*%~>|".indexOf(type) < 0 || frame.getByte(start) == '?') {
            throw new IllegalStateException("not a counted aggregate: " + typeName());
        }
        return frame.indexOf(start, frame.writerIndex(), (byte) '\r') + 2;
    }

    @Override
    public int refCnt() {
        return frame.refCnt();
    }

    @Override
    public RespReply retain() {
        frame.retain();
        return this;
    }

    @Override
    public RespReply retain(int increment) {
        frame.retain(increment);
        return this;
    }

    @Override
    public RespReply touch() {
        frame.touch();
        return this;
    }

    @Override
    public RespReply touch(Object hint) {
        frame.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return frame.release();
    }

    @Override
    public boolean release(int decrement) {
        return frame.release(decrement);
    }

    @Override
    public String toString() {
        return "RespReply[" + typeName() + ", " + (refCnt() > 0 ? frame.readableBytes() + " bytes]" : "released]");
    }
}
