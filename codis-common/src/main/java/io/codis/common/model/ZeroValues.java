package io.codis.common.model;

import java.util.List;

/** How the models read a missing or {@code null} JSON field: as Go's zero value. */
final class ZeroValues {
    private ZeroValues() {
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static <T> List<T> orEmpty(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
