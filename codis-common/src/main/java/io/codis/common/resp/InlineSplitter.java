package io.codis.common.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ByteProcessor;

/**
 * Splits an inline request line into arguments as Redis' {@code sdssplitargs} does, adding each
 * argument's span to its {@link RespRequestParser}: a line without quotes is split in place, a line
 * with quotes is unquoted into a new buffer.
 */
final class InlineSplitter implements ByteProcessor {
    private final RespRequestParser parser;
    private int offset;
    private int argStart;

    InlineSplitter(RespRequestParser parser) {
        this.parser = parser;
    }

    /** Splits a line without quotes: every argument is a span of the line itself. */
    void split(ByteBuf in, int base, int length) {
        offset = 0;
        argStart = -1;
        in.forEachByte(base, length, this);
        if (argStart >= 0) {
            parser.addSpan(argStart, length - argStart);
        }
    }

    @Override
    public boolean process(byte b) {
        if (argStart < 0) {
            if (!isBlank(b)) {
                argStart = offset;
            }
        } else if (endsArgument(b)) {
            parser.addSpan(argStart, offset - argStart);
            argStart = -1;
        }
        offset++;
        return true;
    }

    /** C's isspace(). */
    private static boolean isBlank(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    /** What ends an unquoted argument in sdssplitargs (vertical tab and form feed do not). */
    private static boolean endsArgument(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /**
     * Redis' sdssplitargs for a line with quotes: the unquoted arguments are written to a new buffer,
     * which the spans then point into.
     */
    ByteBuf splitQuoted(ByteBuf in, int from, int to) {
        byte[] out = new byte[to - from];
        int written = 0;
        int p = from;
        for (;;) {
            while (p < to && isBlank(in.getByte(p))) {
                p++;
            }
            if (p == to) {
                return Unpooled.wrappedBuffer(out, 0, written);
            }
            int argStart = written;
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                int c = p < to ? in.getByte(p) & 0xff : -1;
                int next = p + 1 < to ? in.getByte(p + 1) & 0xff : -1;
                if (inDouble) {
                    if (c == '\\' && next == 'x' && p + 3 < to
                            && isHexDigit(in.getByte(p + 2)) && isHexDigit(in.getByte(p + 3))) {
                        out[written++] = (byte) (hexValue(in.getByte(p + 2)) * 16 + hexValue(in.getByte(p + 3)));
                        p += 3;
                    } else if (c == '\\' && next != -1) {
                        p++;
                        out[written++] = switch (next) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> 7;
                            default -> (byte) next;
                        };
                    } else if (c == '"') {
                        done = closesQuote(next);
                    } else if (c == -1) {
                        throw unbalancedQuotes();
                    } else {
                        out[written++] = (byte) c;
                    }
                } else if (inSingle) {
                    if (c == '\\' && next == '\'') {
                        p++;
                        out[written++] = '\'';
                    } else if (c == '\'') {
                        done = closesQuote(next);
                    } else if (c == -1) {
                        throw unbalancedQuotes();
                    } else {
                        out[written++] = (byte) c;
                    }
                } else if (c == -1 || endsArgument((byte) c)) {
                    done = true;
                } else if (c == '"') {
                    inDouble = true;
                } else if (c == '\'') {
                    inSingle = true;
                } else {
                    out[written++] = (byte) c;
                }
                if (p < to) {
                    p++;
                }
            }
            parser.addSpan(argStart, written - argStart);
        }
    }

    /** A closing quote must be followed by a blank or by nothing; true when it is. */
    private static boolean closesQuote(int next) {
        if (next != -1 && !isBlank((byte) next)) {
            throw unbalancedQuotes();
        }
        return true;
    }

    private static RespProtocolException unbalancedQuotes() {
        return RespProtocolException.replyThenClose("Protocol error: unbalanced quotes in request");
    }

    private static boolean isHexDigit(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private static int hexValue(byte b) {
        return b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
    }
}
