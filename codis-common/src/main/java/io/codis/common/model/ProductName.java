package io.codis.common.model;

import java.util.regex.Pattern;

/** Product names: an ASCII word character, then word characters, dots and dashes ({@code ^\w[\w\.\-]*$}). */
public final class ProductName {
    private static final Pattern VALID = Pattern.compile("^[0-9A-Za-z_][0-9A-Za-z_.\\-]*$");

    private ProductName() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** Returns {@code name}, or fails with {@code bad product name = {name}}. */
    public static String check(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("bad product name = " + name);
        }
        return name;
    }
}
