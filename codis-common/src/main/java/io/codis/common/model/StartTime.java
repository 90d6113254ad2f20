package io.codis.common.model;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * The {@code start_time} text of the models, as Go's {@code time.Time.String()} writes it:
 * {@code 2017-04-08 15:16:57.581325765 +0800 CST} (fraction without trailing zeros, omitted when
 * zero). Free text: nobody parses it.
 */
public final class StartTime {
    private static final DateTimeFormatter GO_STRING = new java.time.format.DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendPattern(" xx")
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.ROOT);

    private StartTime() {
    }

    public static String now() {
        return format(ZonedDateTime.now());
    }

    public static String format(ZonedDateTime time) {
        return GO_STRING.format(time) + " " + zoneName(time);
    }

    /** Go names UTC "UTC" and a zone without a name by its offset ({@code +0800}). */
    private static String zoneName(ZonedDateTime time) {
        if (time.getZone() instanceof ZoneOffset offset) {
            return offset.getTotalSeconds() == 0 ? "UTC" : DateTimeFormatter.ofPattern("xx", Locale.ROOT).format(time);
        }
        String name = ZONE_NAME.format(time);
        return name.equals("Z") ? "UTC" : name;
    }
}
