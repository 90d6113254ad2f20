package io.codis.common.status;

/** Go's {@code %0{w}d} and {@code %-{w}s}, as the status lines use them. */
public final class Padding {
    private Padding() {
    }

    /** {@code value} zero-padded on the left to {@code width} digits (a minus sign counts, as in Go). */
    public static String zeros(int value, int width) {
        String digits = Integer.toString(Math.abs(value));
        String sign = value < 0 ? "-" : "";
        int pad = width - sign.length() - digits.length();
        return sign + "0".repeat(Math.max(0, pad)) + digits;
    }

    /** {@code text} right-padded with spaces to {@code width} characters. */
    public static String right(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
