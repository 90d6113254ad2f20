package io.codis.common.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as Codis configs write it: a number with an optional unit ({@code ns us ms s m h},
 * lowercase, one number and one unit only) or a bare number of seconds ({@code "30"}, {@code 1.5}).
 * {@link #toString()} gives the canonical form: {@code "0"}, else the largest of {@code h m s ms us}
 * that divides the value exactly ({@code "30s"}, {@code "5m"}, {@code "1500ms"}), else Go's
 * duration text. Values are limited to what Go's int64 nanoseconds can hold.
 */
public record TimeSize(Duration duration) {
    private static final Pattern FORM = Pattern.compile("^[\\t\\n\\f\\r ]*(-?[0-9.]+)[\\t\\n\\f\\r ]*([a-z]+|)[\\t\\n\\f\\r ]*$");
    private static final Pattern DIGITS = Pattern.compile("^-?[0-9]+$");
    private static final Pattern GO_NUMBER = Pattern.compile("^([0-9]*)(?:\\.([0-9]*))?$");
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L, "us", 1_000L, "ms", 1_000_000L, "s", NANOS_PER_SECOND,
            "m", 60 * NANOS_PER_SECOND, "h", 3600 * NANOS_PER_SECOND);
    private static final BigInteger MIN_NANOS = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    public static final TimeSize ZERO = new TimeSize(Duration.ZERO);

    public TimeSize {
        BigInteger nanos = BigInteger.valueOf(duration.getSeconds()).multiply(BigInteger.valueOf(NANOS_PER_SECOND))
                .add(BigInteger.valueOf(duration.getNano()));
        if (nanos.compareTo(MIN_NANOS) < 0 || nanos.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException("duration out of range: " + duration);
        }
    }

    public static TimeSize ofSeconds(long seconds) {
        return new TimeSize(Duration.ofSeconds(seconds));
    }

    /** Parses {@code "30s"}, {@code "5m"}, {@code "1.5"} (seconds), ...; fails with a one-line reason. */
    @JsonCreator
    public static TimeSize parse(String text) {
        Matcher form = FORM.matcher(text);
        if (!form.matches()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\"");
        }
        String number = form.group(1);
        String unit = form.group(2);
        BigDecimal nanos;
        if (!unit.isEmpty()) {
            Long unitNanos = UNIT_NANOS.get(unit);
            if (unitNanos == null) {
                throw new IllegalArgumentException("unknown unit \"" + unit + "\" in duration \"" + text + "\"");
            }
            nanos = goNumber(number, text).multiply(BigDecimal.valueOf(unitNanos));
        } else if (DIGITS.matcher(number).matches()) {
            nanos = new BigDecimal(number).multiply(BigDecimal.valueOf(NANOS_PER_SECOND));
        } else {
            nanos = goNumber(number, text).multiply(BigDecimal.valueOf(NANOS_PER_SECOND));
        }
        BigInteger whole = nanos.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        if (whole.compareTo(MIN_NANOS) < 0 || whole.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException("duration \"" + text + "\" out of range");
        }
        return new TimeSize(Duration.ofNanos(whole.longValueExact()));
    }

    /** The canonical text, e.g. {@code "30s"}. */
    @JsonValue
    @Override
    public String toString() {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0";
        }
        long abs = Math.abs(nanos);
        String[] units = {"h", "m", "s", "ms", "us"};
        for (String unit : units) {
            long size = UNIT_NANOS.get(unit);
            if (abs % size == 0) {
                return nanos / size + unit;
            }
        }
        return GoDurationText.of(nanos);
    }

    private static BigDecimal goNumber(String number, String text) {
        String digits = number.startsWith("-") ? number.substring(1) : number;
        Matcher parts = GO_NUMBER.matcher(digits);
        if (!parts.matches() || (parts.group(1).isEmpty() && (parts.group(2) == null || parts.group(2).isEmpty()))) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\"");
        }
        String integral = parts.group(1).isEmpty() ? "0" : parts.group(1);
        String fraction = parts.group(2) == null || parts.group(2).isEmpty() ? "0" : parts.group(2);
        BigDecimal value = new BigDecimal(integral + "." + fraction);
        return number.startsWith("-") ? value.negate() : value;
    }
}
