package io.codis.common.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Writes the replies the proxy produces itself (and request headers it builds when it splits a
 * command), in RESP2, and the few RESP3 types a RESP3 session's own replies need (null, map, push,
 * verbatim string). Text is written as UTF-8; CR and LF in a simple string or error become
 * spaces, as Redis does, so they cannot break the framing.
 */
public final class RespWriter {

    private static final short CRLF = ('\r' << 8) | '\n';
    private static final byte[] NULL_BULK = {'$', '-', '1', '\r', '\n'};
    private static final byte[] TXT = {'t', 'x', 't', ':'};

    private RespWriter() {
    }

    /** {@code +text\r\n}, e.g. {@code +OK}. */
    public static void writeSimpleString(ByteBuf out, String text) {
        writeLine(out, '+', text);
    }

    /** {@code -message\r\n}; the message starts with its code, e.g. {@code ERR router is not online}. */
    public static void writeError(ByteBuf out, String message) {
        writeLine(out, '-', message);
    }

    /** {@code :value\r\n}. */
    public static void writeInteger(ByteBuf out, long value) {
        out.writeByte(':');
        RespLong.write(out, value);
        out.writeShort(CRLF);
    }

    /** {@code $len\r\n<bytes>\r\n}. */
    public static void writeBulk(ByteBuf out, byte[] value) {
        writeBulkHeader(out, value.length);
        out.writeBytes(value);
        out.writeShort(CRLF);
    }

    /** A bulk string of {@code value}'s readable bytes (its indices are left alone). */
    public static void writeBulk(ByteBuf out, ByteBuf value) {
        int length = value.readableBytes();
        writeBulkHeader(out, length);
        out.writeBytes(value, value.readerIndex(), length);
        out.writeShort(CRLF);
    }

    /** A bulk string of {@code length} bytes of {@code buf} from absolute {@code index} (indices left alone). */
    public static void writeBulk(ByteBuf out, ByteBuf buf, int index, int length) {
        writeBulkHeader(out, length);
        out.writeBytes(buf, index, length);
        out.writeShort(CRLF);
    }

    /** {@code $-1\r\n}. */
    public static void writeNullBulk(ByteBuf out) {
        out.writeBytes(NULL_BULK);
    }

    /** {@code *length\r\n}, to be followed by {@code length} values. */
    public static void writeArrayHeader(ByteBuf out, int length) {
        writeHeader(out, '*', length);
    }

    /** RESP3's null, {@code _\r\n}. */
    public static void writeNull3(ByteBuf out) {
        out.writeByte('_');
        out.writeShort(CRLF);
    }

    /** RESP3's {@code %pairs\r\n}, to be followed by {@code pairs} keys and values. */
    public static void writeMapHeader(ByteBuf out, int pairs) {
        writeHeader(out, '%', pairs);
    }

    /** RESP3's push {@code >length\r\n}, to be followed by {@code length} values. */
    public static void writePushHeader(ByteBuf out, int length) {
        writeHeader(out, '>', length);
    }

    /** RESP3's verbatim string of format {@code txt}: {@code =len\r\ntxt:<bytes>\r\n}. */
    public static void writeVerbatimText(ByteBuf out, byte[] value) {
        writeHeader(out, '=', value.length + 4);
        out.writeBytes(TXT);
        out.writeBytes(value);
        out.writeShort(CRLF);
    }

    private static void writeBulkHeader(ByteBuf out, int length) {
        writeHeader(out, '$', length);
    }

    /** A type byte, a length and CRLF: the header of a bulk string, an aggregate or a verbatim string. */
    private static void writeHeader(ByteBuf out, char type, int length) {
        out.writeByte(type);
        RespLong.write(out, length);
        out.writeShort(CRLF);
    }

    private static void writeLine(ByteBuf out, char type, String text) {
        out.writeByte(type);
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            text = text.replace('\r', ' ').replace('\n', ' ');
        }
        ByteBufUtil.writeUtf8(out, text);
        out.writeShort(CRLF);
    }
}
