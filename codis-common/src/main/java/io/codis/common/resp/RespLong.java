package io.codis.common.resp;

import io.netty.buffer.ByteBuf;

/** Decimal {@code long} text as RESP writes it: parsed as strictly as Redis' {@code string2ll}. */
final class RespLong {

    /** Redis' LONG_STR_SIZE: a valid number is shorter than this. */
    private static final int MAX_DIGITS_WITH_SIGN = 20;
    private static final byte[] MIN_VALUE_TEXT = Long.toString(Long.MIN_VALUE).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private RespLong() {
    }

    /**
     * Parses bytes {@code [from, to)} of {@code buf}: an optional '-', then either "0" or a digit 1-9
     * followed by digits; no spaces, no '+', no leading zeros, no "-0".
     *
     * @throws NumberFormatException when the text is not such a number or overflows a long
     */
    static long parse(ByteBuf buf, int from, int to) {
        int length = to - from;
        if (length <= 0 || length > MAX_DIGITS_WITH_SIGN) {
            throw new NumberFormatException();
        }
        int i = from;
        boolean negative = buf.getByte(i) == '-';
        if (negative) {
            i++;
        }
        if (i == to) {
            throw new NumberFormatException();
        }
        byte first = buf.getByte(i);
        if (first == '0' && length == 1) {
            return 0;
        }
        if (first < '1' || first > '9') {
            throw new NumberFormatException();
        }
        // accumulate negatively so that Long.MIN_VALUE is representable
        long value = -(first - '0');
        for (i++; i < to; i++) {
            byte b = buf.getByte(i);
            if (b < '0' || b > '9' || value < Long.MIN_VALUE / 10) {
                throw new NumberFormatException();
            }
            value *= 10;
            int digit = b - '0';
            if (value < Long.MIN_VALUE + digit) {
                throw new NumberFormatException();
            }
            value -= digit;
        }
        if (negative) {
            return value;
        }
        if (value == Long.MIN_VALUE) {
            throw new NumberFormatException();
        }
        return -value;
    }

    static void write(ByteBuf out, long value) {
        if (value >= 0 && value < 10) {
            out.writeByte('0' + (int) value);
            return;
        }
        if (value == Long.MIN_VALUE) {
            out.writeBytes(MIN_VALUE_TEXT);
            return;
        }
        if (value < 0) {
            out.writeByte('-');
            value = -value;
        }
        int digits = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            digits++;
        }
        out.ensureWritable(digits);
        int start = out.writerIndex();
        for (int i = start + digits - 1; i >= start; i--) {
            out.setByte(i, '0' + (int) (value % 10));
            value /= 10;
        }
        out.writerIndex(start + digits);
    }
}
