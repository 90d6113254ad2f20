package io.codis.common.config;

/** Go's {@code time.Duration.String()}: {@code 1h2m3.5s}, {@code 1.5µs}, {@code 12ns}, {@code 0s}. */
final class GoDurationText {
    private GoDurationText() {
    }

    static String of(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        // Long.MIN_VALUE has no positive counterpart: work on the unsigned magnitude.
        long magnitude = negative ? -nanos : nanos;
        StringBuilder text = new StringBuilder();
        if (Long.compareUnsigned(magnitude, 1_000_000_000L) < 0) {
            if (magnitude < 1_000L) {
                text.append(magnitude).append("ns");
            } else if (magnitude < 1_000_000L) {
                text.append(fraction(magnitude, 3)).append("µs");
            } else {
                text.append(fraction(magnitude, 6)).append("ms");
            }
        } else {
            long seconds = Long.divideUnsigned(magnitude, 1_000_000_000L);
            long subsecond = Long.remainderUnsigned(magnitude, 1_000_000_000L);
            long hours = seconds / 3600;
            long minutes = seconds / 60 % 60;
            if (hours > 0) {
                text.append(hours).append('h');
            }
            if (hours > 0 || minutes > 0) {
                text.append(minutes).append('m');
            }
            text.append(fraction(seconds % 60 * 1_000_000_000L + subsecond, 9)).append('s');
        }
        return negative ? "-" + text : text.toString();
    }

    /** {@code value / 10^digits} written without trailing zeros (and without a point when whole). */
    private static String fraction(long value, int digits) {
        long scale = (long) Math.pow(10, digits);
        String decimals = String.format("%0" + digits + "d", value % scale).replaceAll("0+$", "");
        return (value / scale) + (decimals.isEmpty() ? "" : "." + decimals);
    }
}
