package io.codis.common.resp;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

import java.util.Arrays;

/**
 * Reads client requests from a connection's inbound bytes, the way Redis 7 reads them: a RESP array
 * of bulk strings ({@code *N\r\n$len\r\n...\r\n}), or, when the first byte is not {@code '*'}, an
 * inline line (ended by {@code \n} or {@code \r\n}) split into arguments like Redis'
 * {@code sdssplitargs} does (blanks separate, {@code "..."} and {@code '...'} quote, empty lines are
 * skipped). As in Redis, a NUL byte in an inline or length line keeps that line from ending (until it
 * is too long); so whatever this parser accepts, Redis parses the same way, which makes forwarding
 * {@link RespRequest#raw()} to a backend safe.
 *
 * <p>Incremental: call {@link #parse(ByteBuf)} whenever bytes arrive; it consumes a request only
 * once it is complete and remembers how far it got, so a request split anywhere decodes the same and
 * a large request arriving in many pieces costs O(its size). Between calls the buffer may be
 * replaced by a copy of its unread bytes (as Netty's cumulation does): all state is relative to the
 * reader index. One parser per connection; not thread safe.
 *
 * <p>Limits, as Redis: at most {@value #MAX_MULTIBULK_LENGTH} arguments, bulks of at most
 * {@value #MAX_BULK_LENGTH} bytes, inline lines and length lines of at most
 * {@value #MAX_LINE_LENGTH} bytes; plus a whole request of at most {@value #MAX_REQUEST_LENGTH}
 * bytes (like Redis' default {@code client-query-buffer-limit}). Nothing is allocated from a
 * declared length before the bytes arrive.
 */
public final class RespRequestParser {

    public static final int MAX_MULTIBULK_LENGTH = 1024 * 1024;
    public static final int MAX_BULK_LENGTH = 512 * 1024 * 1024;
    /** Redis' PROTO_INLINE_MAX_SIZE. */
    public static final int MAX_LINE_LENGTH = 64 * 1024;
    public static final int MAX_REQUEST_LENGTH = 1024 * 1024 * 1024;

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final short CRLF = (CR << 8) | LF;
    private static final int INITIAL_SPANS = 16;
    /** Arguments the span array is sized for when a request declares its count (grows beyond). */
    private static final int MAX_PRESIZED_ARGS = 64;
    private static final ByteProcessor FIND_CR_OR_NUL = b -> b != CR && b != 0;
    private static final ByteProcessor FIND_LF_OR_NUL = b -> b != LF && b != 0;
    /** {@link #scanned} of a line that can never end. */
    private static final int NEVER = Integer.MAX_VALUE;

    private static final int IDLE = 0;
    private static final int INLINE = 1;
    private static final int ARRAY_HEADER = 2;
    private static final int BULK_HEADER = 3;
    private static final int BULK_DATA = 4;
    private static final int FAILED = 5;

    private int state = IDLE;
    /** Offset, from the reader index (the request's first byte), of the first unparsed byte. */
    private int pos;
    /** Offset up to which the current line was searched for its end without finding it, or NEVER. */
    private int scanned;
    private int bulksLeft;
    private int bulkLength;
    /** Pairs (offset, length) of the arguments read so far; grows as they arrive. */
    private int[] spans;
    private int argCount;
    private final InlineSplitter inlineSplitter = new InlineSplitter(this);
    private final int maxRequestLength;

    public RespRequestParser() {
        this(MAX_REQUEST_LENGTH);
    }

    /** With a smaller whole-request limit, for tests. */
    RespRequestParser(int maxRequestLength) {
        this.maxRequestLength = maxRequestLength;
    }

    /**
     * Reads the next complete request from {@code in}'s readable bytes and advances its reader index
     * past it (and past any blank inline lines before it).
     *
     * @return the request (the caller releases it), or {@code null} until more bytes arrive
     * @throws RespProtocolException on malformed input; the connection must be closed, and this
     *         parser then discards whatever it is given
     */
    public RespRequest parse(ByteBuf in) {
        if (state == FAILED) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        try {
            return parseNext(in);
        } catch (RespProtocolException e) {
            state = FAILED;
            spans = null;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private RespRequest parseNext(ByteBuf in) {
        for (;;) {
            switch (state) {
                case IDLE -> {
                    if (!in.isReadable()) {
                        return null;
                    }
                    state = in.getByte(in.readerIndex()) == '*' ? ARRAY_HEADER : INLINE;
                    pos = 0;
                    scanned = 0;
                    argCount = 0;
                }
                case INLINE -> {
                    int lf = findInlineEnd(in);
                    if (lf < 0) {
                        return null;
                    }
                    RespRequest request = inlineRequest(in, lf);
                    state = IDLE;
                    if (request != null) {
                        return request;
                    }
                }
                case ARRAY_HEADER -> {
                    int cr = findLineEnd(in, "Protocol error: too big mbulk count string");
                    if (cr < 0) {
                        return null;
                    }
                    long count = parseLength(in, cr, "Protocol error: invalid multibulk length");
                    if (count <= 0) {
                        // Codis closes without a reply where Redis would silently ignore the request
                        throw RespProtocolException.closeSilently("Protocol error: invalid multibulk length");
                    }
                    if (count > MAX_MULTIBULK_LENGTH) {
                        throw RespProtocolException.replyThenClose("Protocol error: invalid multibulk length");
                    }
                    bulksLeft = (int) count;
                    if (spans == null) {
                        // sized for the declared count, but not beyond what a few bytes justify
                        spans = new int[(int) Math.min(count, MAX_PRESIZED_ARGS) * 2];
                    }
                    startLine(cr + 2, BULK_HEADER);
                }
                case BULK_HEADER -> {
                    if (in.readableBytes() <= pos) {
                        return null;
                    }
                    byte type = in.getByte(in.readerIndex() + pos);
                    if (type != '$') {
                        throw RespProtocolException.replyThenClose(
                                "Protocol error: expected '$', got '" + (char) (type & 0xff) + "'");
                    }
                    int cr = findLineEnd(in, "Protocol error: too big bulk count string");
                    if (cr < 0) {
                        return null;
                    }
                    long length = parseLength(in, cr, "Protocol error: invalid bulk length");
                    if (length < 0 || length > MAX_BULK_LENGTH) {
                        throw RespProtocolException.replyThenClose("Protocol error: invalid bulk length");
                    }
                    int dataStart = cr + 2;
                    if (dataStart + length + 2 > maxRequestLength) {
                        // Redis drops a client over client-query-buffer-limit without a reply
                        throw RespProtocolException.closeSilently("Protocol error: request too big");
                    }
                    bulkLength = (int) length;
                    addSpan(dataStart, bulkLength);
                    startLine(dataStart, BULK_DATA);
                }
                case BULK_DATA -> {
                    int end = pos + bulkLength;
                    if (in.readableBytes() < end + 2) {
                        return null;
                    }
                    if (in.getShort(in.readerIndex() + end) != CRLF) {
                        throw RespProtocolException.replyThenClose("Protocol error: missing CRLF");
                    }
                    startLine(end + 2, BULK_HEADER);
                    if (--bulksLeft == 0) {
                        state = IDLE;
                        return takeRequest(in, pos, in, false);
                    }
                }
                default -> throw new IllegalStateException("state " + state);
            }
        }
    }

    private void startLine(int offset, int nextState) {
        pos = offset;
        scanned = offset;
        state = nextState;
    }

    /**
     * Finds the CR ending the length line that starts at {@code pos} and checks that LF follows.
     *
     * @return its offset, or -1 until the line is complete
     */
    private int findLineEnd(ByteBuf in, String tooLongMessage) {
        int cr = findLineTerminator(in, FIND_CR_OR_NUL, tooLongMessage);
        if (cr < 0 || cr + 1 >= in.readableBytes()) {
            return -1;
        }
        if (in.getByte(in.readerIndex() + cr + 1) != LF) {
            throw RespProtocolException.replyThenClose("Protocol error: missing CRLF");
        }
        return cr;
    }

    /** @return the offset of the LF ending the inline line, or -1 until it arrives */
    private int findInlineEnd(ByteBuf in) {
        return findLineTerminator(in, FIND_LF_OR_NUL, "Protocol error: too big inline request");
    }

    /**
     * Searches the line starting at {@code pos} for its terminator, resuming where the last search
     * stopped. Like Redis, which searches its buffer as a C string, a line with a NUL byte before
     * its terminator never ends: it only grows until it is too long.
     *
     * @return the terminator's offset, or -1 until it arrives
     */
    private int findLineTerminator(ByteBuf in, ByteProcessor terminatorOrNul, String tooLongMessage) {
        int base = in.readerIndex();
        int available = in.readableBytes();
        int lastAllowed = pos + MAX_LINE_LENGTH;
        int searchEnd = Math.min(available, lastAllowed + 1);
        if (scanned < searchEnd) {
            int found = in.forEachByte(base + scanned, searchEnd - scanned, terminatorOrNul);
            if (found < 0) {
                scanned = searchEnd;
            } else if (in.getByte(found) == 0) {
                scanned = NEVER;
            } else {
                scanned = found - base;
                return scanned;
            }
        }
        if (available > lastAllowed) {
            throw RespProtocolException.replyThenClose(tooLongMessage);
        }
        return -1;
    }

    /** The number between the type byte at {@code pos} and the CR at {@code cr}. */
    private long parseLength(ByteBuf in, int cr, String invalidMessage) {
        int base = in.readerIndex();
        try {
            return RespLong.parse(in, base + pos + 1, base + cr);
        } catch (NumberFormatException e) {
            throw RespProtocolException.replyThenClose(invalidMessage);
        }
    }

    /** Splits the line ending at {@code lf} as Redis does; {@code null} (line consumed) when it has no argument. */
    private RespRequest inlineRequest(ByteBuf in, int lf) {
        int base = in.readerIndex();
        int end = lf > 0 && in.getByte(base + lf - 1) == CR ? lf - 1 : lf;
        ByteBuf argData = in;
        if (end > 0 && (in.indexOf(base, base + end, (byte) '"') >= 0 || in.indexOf(base, base + end, (byte) '\'') >= 0)) {
            argData = inlineSplitter.splitQuoted(in, base, base + end);
        } else if (end > 0) {
            inlineSplitter.split(in, base, end);
        }
        if (argCount == 0) {
            in.skipBytes(lf + 1);
            return null;
        }
        return takeRequest(in, lf + 1, argData, true);
    }

    private RespRequest takeRequest(ByteBuf in, int length, ByteBuf argData, boolean inline) {
        ByteBuf raw = in.retainedSlice(in.readerIndex(), length);
        in.skipBytes(length);
        RespRequest request = new RespRequest(raw, argData == in ? raw : argData, spans, argCount, inline);
        spans = null;
        argCount = 0;
        return request;
    }

    /** Records the next argument: {@code length} bytes at {@code offset} of the argument data. */
    void addSpan(int offset, int length) {
        int i = argCount * 2;
        if (spans == null) {
            spans = new int[INITIAL_SPANS];
        } else if (i == spans.length) {
            spans = Arrays.copyOf(spans, i * 2);
        }
        spans[i] = offset;
        spans[i + 1] = length;
        argCount++;
    }
}
