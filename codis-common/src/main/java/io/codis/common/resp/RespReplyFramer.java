package io.codis.common.resp;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/**
 * Cuts a backend connection's inbound bytes into complete replies without decoding them: each
 * reply comes out as one retained slice of the input ({@link RespReply}), however deeply nested.
 *
 * <p>Knows every RESP2 type ({@code + - : $ *}, with the {@code $-1} and {@code *-1} nulls) and every
 * RESP3 type ({@code _ , # ! = ( % ~ | >}), including streamed strings ({@code $?} followed by
 * {@code ;len} chunks and {@code ;0}) and streamed aggregates ({@code *?} ... {@code .}). An attribute
 * ({@code |}) is framed together with the reply it annotates.
 *
 * <p>Incremental like {@link RespRequestParser}: state is kept between calls relative to the reader
 * index, so any split of the input frames the same and big replies cost O(their size).
 *
 * <p>Limits: blobs of at most {@value #MAX_BULK_LENGTH} bytes, lines of at most
 * {@value #MAX_LINE_LENGTH} bytes, at most {@value #MAX_NESTING_DEPTH} nested aggregates, a reply
 * of less than 2 GiB (one buffer). Violations throw {@link RespProtocolException} with Codis'
 * texts where Codis has one ({@code bad resp type <unknown-0x25>}, {@code bad CRLF end}, ...).
 */
public final class RespReplyFramer {

    public static final int MAX_BULK_LENGTH = 512 * 1024 * 1024;
    public static final int MAX_LINE_LENGTH = 64 * 1024 * 1024;
    /** Far above what Redis sends (a Lua reply of nested tables stops near 8,000 levels); only a guard. */
    public static final int MAX_NESTING_DEPTH = 1 << 20;

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final short CRLF = (CR << 8) | LF;
    /** Elements left in a streamed aggregate: until its '.' line. */
    private static final long UNTIL_END_MARK = -1;

    private static final byte UNKNOWN = 0;
    private static final byte LINE = 1;
    private static final byte INTEGER = 2;
    private static final byte BLOB = 3;
    private static final byte AGGREGATE = 4;
    private static final byte END_MARK = 5;
    private static final byte CHUNK = 6;
    private static final byte[] KINDS = new byte[256];

    static {
        for (char type : "+-_,#(".toCharArray()) {
            KINDS[type] = LINE;
        }
        KINDS[':'] = INTEGER;
        for (char type : "$!=".toCharArray()) {
            KINDS[type] = BLOB;
        }
        for (char type : "*%~>|".toCharArray()) {
            KINDS[type] = AGGREGATE;
        }
        KINDS['.'] = END_MARK;
        KINDS[';'] = CHUNK;
    }

    /** Offset, from the reader index (the reply's first byte), of the first unparsed byte. */
    private int pos;
    /** Offset up to which the current line was searched for its end without finding it. */
    private int scanned;
    /** Offset just past the blob being read (its data and CRLF), or -1 when not in a blob. */
    private int blobEnd = -1;
    /** Inside a streamed string: the next line must be a ';' chunk header. */
    private boolean inStreamedString;
    /** Per open aggregate, the number of elements still expected (or UNTIL_END_MARK). */
    private long[] open = new long[8];
    private int depth;
    private boolean failed;

    /**
     * Takes the next complete reply from {@code in} and advances its reader index past it.
     *
     * @return the reply (the caller releases it), or {@code null} until more bytes arrive
     * @throws RespProtocolException on malformed input; the connection must be closed, and this
     *         framer then discards whatever it is given
     */
    public RespReply next(ByteBuf in) {
        int length = frameLength(in);
        if (length < 0) {
            return null;
        }
        RespReply reply = new RespReply(in.retainedSlice(in.readerIndex(), length));
        in.skipBytes(length);
        return reply;
    }

    /**
     * The length of the complete reply at {@code in}'s reader index, or -1 until it is complete;
     * consumes nothing. After a complete reply the caller must skip it before the next call.
     */
    int frameLength(ByteBuf in) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return -1;
        }
        try {
            return scan(in);
        } catch (RespProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private int scan(ByteBuf in) {
        final int base = in.readerIndex();
        final int available = in.readableBytes();
        for (;;) {
            if (blobEnd >= 0) {
                if (available < blobEnd) {
                    return -1;
                }
                if (in.getShort(base + blobEnd - 2) != CRLF) {
                    throw error("bad CRLF end");
                }
                startLine(blobEnd);
                blobEnd = -1;
                if (!inStreamedString && valueEnded()) {
                    return complete();
                }
                continue;
            }
            if (available <= pos) {
                return -1;
            }
            byte type = in.getByte(base + pos);
            byte kind = KINDS[type & 0xff];
            if (kind == UNKNOWN || (kind == CHUNK) != inStreamedString) {
                throw error(String.format("bad resp type <unknown-0x%02x>", type & 0xff));
            }
            int cr = findLineEnd(in);
            if (cr < 0) {
                return -1;
            }
            int lineStart = pos + 1;
            startLine(cr + 2);
            boolean ended = switch (kind) {
                case LINE -> true;
                case INTEGER -> {
                    parseNumber(in, lineStart, cr, "bad resp int");
                    yield true;
                }
                case BLOB -> type == '$' && isStreamMark(in, lineStart, cr)
                        ? startStreamedString()
                        : startBlob(type, parseNumber(in, lineStart, cr, "bad bulk bytes len"));
                case CHUNK -> startChunk(parseNumber(in, lineStart, cr, "bad bulk bytes len"));
                case AGGREGATE -> isStreamMark(in, lineStart, cr)
                        ? push(UNTIL_END_MARK)
                        : startAggregate(type, parseNumber(in, lineStart, cr, "bad array len"));
                default -> endStreamedAggregate();
            };
            if (ended && valueEnded()) {
                return complete();
            }
        }
    }

    private void startLine(int offset) {
        pos = offset;
        scanned = offset;
    }

    private int complete() {
        int length = pos;
        startLine(0);
        return length;
    }

    /** @return the offset of the CR ending the line at {@code pos}, or -1 until the line is complete */
    private int findLineEnd(ByteBuf in) {
        int base = in.readerIndex();
        int available = in.readableBytes();
        long lastAllowed = (long) pos + 1 + MAX_LINE_LENGTH;
        int searchEnd = (int) Math.min(available, lastAllowed + 1);
        int from = Math.max(scanned, pos + 1);
        int found = from < searchEnd ? in.indexOf(base + from, base + searchEnd, CR) : -1;
        if (found < 0) {
            scanned = Math.max(from, searchEnd);
            if (available > lastAllowed) {
                throw error("bad resp line, too long");
            }
            return -1;
        }
        int cr = found - base;
        scanned = cr;
        if (cr + 1 >= available) {
            return -1;
        }
        if (in.getByte(found + 1) != LF) {
            throw error("bad CRLF end");
        }
        return cr;
    }

    private static boolean isStreamMark(ByteBuf in, int lineStart, int cr) {
        return cr - lineStart == 1 && in.getByte(in.readerIndex() + lineStart) == '?';
    }

    private static long parseNumber(ByteBuf in, int from, int to, String message) {
        int base = in.readerIndex();
        try {
            return RespLong.parse(in, base + from, base + to);
        } catch (NumberFormatException e) {
            throw error(message);
        }
    }

    /** @return true when the blob is a null ({@code $-1}), i.e. the value already ended */
    private boolean startBlob(byte type, long length) {
        if (length == -1 && type == '$') {
            return true;
        }
        checkBlobLength(length);
        blobEnd = checkedEnd(length);
        return false;
    }

    private boolean startStreamedString() {
        inStreamedString = true;
        return false;
    }

    /** @return true on the final {@code ;0} chunk, which ends the streamed string */
    private boolean startChunk(long length) {
        if (length == 0) {
            inStreamedString = false;
            return true;
        }
        checkBlobLength(length);
        blobEnd = checkedEnd(length);
        return false;
    }

    private static void checkBlobLength(long length) {
        if (length < 0) {
            throw error("bad bulk bytes len");
        }
        if (length > MAX_BULK_LENGTH) {
            throw error("bad bulk bytes len, too long");
        }
    }

    private int checkedEnd(long length) {
        long end = pos + length + 2;
        if (end > Integer.MAX_VALUE - 8) {
            throw error("bad resp, reply too long");
        }
        return (int) end;
    }

    /** @return true when the aggregate is already complete (null or empty) */
    private boolean startAggregate(byte type, long count) {
        if (count == -1 && type == '*') {
            return true;
        }
        if (count < 0) {
            throw error("bad array len");
        }
        if (count > Integer.MAX_VALUE) {
            throw error("bad array len, too long");
        }
        long elements = switch (type) {
            case '%' -> count * 2;
            case '|' -> count * 2 + 1; // the attribute's pairs, then the reply it annotates
            default -> count;
        };
        return elements == 0 || push(elements);
    }

    private boolean push(long elements) {
        if (depth == MAX_NESTING_DEPTH) {
            throw error("bad resp, nested too deep");
        }
        if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
        }
        open[depth++] = elements;
        return false;
    }

    private boolean endStreamedAggregate() {
        if (depth == 0 || open[depth - 1] != UNTIL_END_MARK) {
            throw error("bad resp type <unknown-0x2e>");
        }
        depth--;
        return true;
    }

    /**
     * A value just ended at {@code pos}: counts it in the enclosing aggregates.
     *
     * @return true when it completes the whole reply
     */
    private boolean valueEnded() {
        while (depth > 0) {
            long left = open[depth - 1];
            if (left == UNTIL_END_MARK) {
                return false;
            }
            if (left > 1) {
                open[depth - 1] = left - 1;
                return false;
            }
            depth--;
        }
        return true;
    }

    private static RespProtocolException error(String message) {
        return RespProtocolException.closeSilently(message);
    }
}
