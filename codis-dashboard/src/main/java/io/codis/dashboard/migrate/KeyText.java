package io.codis.dashboard.migrate;

/** A key as error messages show it: printable ASCII as is, other bytes as {@code \xNN}. */
final class KeyText {
    private KeyText() {
    }

    static String of(byte[] key) {
        StringBuilder out = new StringBuilder(key.length + 2);
        for (byte b : key) {
            if (b >= 0x20 && b < 0x7f && b != '\\') {
                out.append((char) b);
            } else {
                out.append(String.format("\\x%02x", b & 0xff));
            }
        }
        return out.toString();
    }
}
