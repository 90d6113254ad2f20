package io.codis.common.config;

import java.util.function.Predicate;

/**
 * One key of a TOML config: its type, default (and how the default reads in the default file),
 * the rule a value must follow ({@code invalid {key}} otherwise), who may see it, and the comment
 * that introduces it in the default file.
 */
record Setting<T>(String key, SettingType<T> type, T defaultValue, String defaultLiteral,
                  Predicate<? super T> rule, Exposure exposure, String comment, boolean commentedOut) {

    /** Where a value may appear besides the process itself. */
    enum Exposure {
        /** In the JSON config object and in the TOML dump. */
        PUBLIC,
        /** Nowhere: a password. */
        SECRET,
        /** In the JSON config object as an empty string (the key stays, the value is hidden); not in the dump. */
        BLANKED
    }

    static Setting<String> string(String key, String defaultValue) {
        return of(key, SettingType.STRING, defaultValue, SettingType.tomlString(defaultValue));
    }

    static Setting<Integer> integer(String key, int defaultValue) {
        return of(key, SettingType.INT, defaultValue, String.valueOf(defaultValue));
    }

    static Setting<Boolean> bool(String key, boolean defaultValue) {
        return of(key, SettingType.BOOL, defaultValue, String.valueOf(defaultValue));
    }

    /** A duration whose default is written in the default file exactly as {@code defaultText}. */
    static Setting<TimeSize> duration(String key, String defaultText) {
        return of(key, SettingType.DURATION, TimeSize.parse(defaultText), SettingType.tomlString(defaultText));
    }

    /** A size whose default is written in the default file exactly as {@code defaultText}. */
    static Setting<ByteSize> size(String key, String defaultText) {
        return of(key, SettingType.SIZE, ByteSize.parse(defaultText), SettingType.tomlString(defaultText));
    }

    private static <T> Setting<T> of(String key, SettingType<T> type, T defaultValue, String literal) {
        return new Setting<>(key, type, defaultValue, literal, value -> true, Exposure.PUBLIC, "", false);
    }

    Setting<T> mustBe(Predicate<? super T> newRule) {
        return new Setting<>(key, type, defaultValue, defaultLiteral, newRule, exposure, comment, commentedOut);
    }

    Setting<T> exposed(Exposure newExposure) {
        return new Setting<>(key, type, defaultValue, defaultLiteral, rule, newExposure, comment, commentedOut);
    }

    /** The comment lines (without {@code #}) printed, after a blank line, before this key in the default file. */
    Setting<T> introducedBy(String newComment) {
        return new Setting<>(key, type, defaultValue, defaultLiteral, rule, exposure, newComment, commentedOut);
    }

    /** Printed as a comment ({@code #key = default}) in the default file. */
    Setting<T> commentedOutByDefault() {
        return new Setting<>(key, type, defaultValue, defaultLiteral, rule, exposure, comment, true);
    }

    boolean accepts(T value) {
        return rule.test(value);
    }
}
