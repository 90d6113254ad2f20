package io.codis.proxy.command;

import io.netty.buffer.ByteBuf;

/** Case-insensitive comparison of command names and keywords with the bytes of a request. */
public final class Ascii {

    private Ascii() {
    }

    static byte upperCase(byte b) {
        return b >= 'a' && b <= 'z' ? (byte) (b - ('a' - 'A')) : b;
    }

    /** True when {@code bytes} (upper-case) equal {@code arg}'s readable bytes, ignoring the case of letters. */
    public static boolean equalsIgnoreCase(byte[] upperCase, ByteBuf arg) {
        return equalsIgnoreCase(upperCase, arg, arg.readerIndex(), arg.readableBytes());
    }

    static boolean equalsIgnoreCase(byte[] upperCase, ByteBuf buf, int base, int length) {
        if (upperCase.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (upperCase[i] != upperCase(buf.getByte(base + i))) {
                return false;
            }
        }
        return true;
    }
}
