package io.codis.common.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** The value of every setting of a config, immutable; a changed copy is made with {@link #with}. */
final class SettingValues {
    private final Map<String, Object> values;

    SettingValues(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    @SuppressWarnings("unchecked")
    <T> T get(Setting<T> setting) {
        Object value = values.get(setting.key());
        if (value == null) {
            throw new IllegalArgumentException("no value for " + setting.key());
        }
        return (T) value;
    }

    <T> SettingValues with(Setting<T> setting, T value) {
        Map<String, Object> changed = new LinkedHashMap<>(values);
        changed.put(setting.key(), value);
        return new SettingValues(changed);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SettingValues that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }
}
