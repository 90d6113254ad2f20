package io.codis.common.config;

import io.codis.common.model.ProductName;
import java.time.Duration;

/** The value rules shared by the dashboard and proxy configs. */
final class SettingRules {
    private SettingRules() {
    }

    static boolean notEmpty(String value) {
        return !value.isEmpty();
    }

    static boolean positive(TimeSize value) {
        return value.duration().compareTo(Duration.ZERO) > 0;
    }

    static boolean notNegative(TimeSize value) {
        return !value.duration().isNegative();
    }

    static boolean notNegative(ByteSize value) {
        return value.bytes() >= 0;
    }

    /** Fails with {@code bad product name = {name}} unless the name matches {@code ^\w[\w\.\-]*$}. */
    static void checkProductName(String name) {
        if (!ProductName.isValid(name)) {
            throw new ConfigException("bad product name = " + name);
        }
    }
}
