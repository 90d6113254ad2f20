package io.codis.common.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte count as Codis configs write it: a number with an optional unit ({@code b}, {@code k}/
 * {@code kb}, {@code m}/{@code mb}, {@code g}/{@code gb}, {@code t}/{@code tb}, {@code p}/{@code pb},
 * powers of 1024; decimals allowed: {@code "1.5mb"}) or a bare number of bytes. Units are accepted
 * in either case. {@link #toString()} gives the canonical form: {@code "0"}, else the largest of
 * {@code pb tb gb mb kb} that divides exactly ({@code "1gb"}, {@code "128kb"}), else plain bytes.
 */
public record ByteSize(long bytes) {
    private static final Pattern FORM = Pattern.compile(
            "^[\\t\\n\\f\\r ]*(-?[0-9.]+)[\\t\\n\\f\\r ]*([kmgtp]?b|[bkmgtp]|)[\\t\\n\\f\\r ]*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DIGITS = Pattern.compile("^-?[0-9]+$");
    private static final Pattern DECIMAL = Pattern.compile("^-?([0-9]+\\.?[0-9]*|\\.[0-9]+)$");
    private static final String[] UNITS = {"pb", "tb", "gb", "mb", "kb"};

    public static final ByteSize ZERO = new ByteSize(0);

    /** Parses {@code "32mb"}, {@code "1.5mb"}, {@code "131072"}, ...; fails with a one-line reason. */
    @JsonCreator
    public static ByteSize parse(String text) {
        Matcher form = FORM.matcher(text);
        if (!form.matches()) {
            throw new IllegalArgumentException("invalid size \"" + text + "\"");
        }
        String number = form.group(1);
        long unit = unitBytes(form.group(2).toLowerCase(Locale.ROOT));
        try {
            if (DIGITS.matcher(number).matches()) {
                return new ByteSize(Math.multiplyExact(Long.parseLong(number), unit));
            }
            if (!DECIMAL.matcher(number).matches()) {
                throw new IllegalArgumentException("invalid size \"" + text + "\"");
            }
            BigInteger whole = new BigDecimal(number).multiply(BigDecimal.valueOf(unit)).toBigInteger();
            return new ByteSize(whole.longValueExact());
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("size \"" + text + "\" out of range", e);
        }
    }

    /** The canonical text, e.g. {@code "32mb"}. */
    @JsonValue
    @Override
    public String toString() {
        if (bytes == 0) {
            return "0";
        }
        for (int i = 0; i < UNITS.length; i++) {
            long size = 1L << (10 * (UNITS.length - i));
            if (bytes % size == 0) {
                return bytes / size + UNITS[i];
            }
        }
        return Long.toString(bytes);
    }

    private static long unitBytes(String unit) {
        return switch (unit) {
            case "", "b" -> 1L;
            case "k", "kb" -> 1L << 10;
            case "m", "mb" -> 1L << 20;
            case "g", "gb" -> 1L << 30;
            case "t", "tb" -> 1L << 40;
            case "p", "pb" -> 1L << 50;
            default -> throw new IllegalArgumentException("invalid size unit \"" + unit + "\"");
        };
    }
}
