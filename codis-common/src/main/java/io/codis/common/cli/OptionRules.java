package io.codis.common.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks that docopt-style alternatives ({@code --a|--b|--c}) and dependent options were used correctly. */
public final class OptionRules {
    private OptionRules() {
    }

    /** Refuses more than one of the given options; values that are null or false count as absent. */
    public static void atMostOne(Map<String, Object> options) {
        List<String> given = given(options);
        if (given.size() > 1) {
            throw new FatalError("options " + String.join(" and ", given) + " cannot be used together");
        }
    }

    /** The one option given of {@code options} (refusing more, as {@link #atMostOne}), or {@code orElse} when none is. */
    public static String chosen(Map<String, Object> options, String orElse) {
        atMostOne(options);
        List<String> given = given(options);
        return given.isEmpty() ? orElse : given.get(0);
    }

    /** Requires exactly one of the given options. */
    public static void exactlyOne(Map<String, Object> options) {
        atMostOne(options);
        if (given(options).isEmpty()) {
            throw new FatalError("one of " + String.join(", ", options.keySet()) + " is required");
        }
    }

    /** Refuses a missing mandatory option, as the original's {@code option NAME is required}. */
    public static void required(String name, Object value) {
        if (!isGiven(value)) {
            throw new FatalError("option " + name + " is required");
        }
    }

    /** Refuses {@code dependent} when {@code required} is absent. */
    public static void requires(String dependent, Object dependentValue, String required, Object requiredValue) {
        if (isGiven(dependentValue) && !isGiven(requiredValue)) {
            throw new FatalError("option " + dependent + " needs " + required);
        }
    }

    /** An insertion-ordered map for the calls above: {@code options("--a", a, "--b", b)}. */
    public static Map<String, Object> options(Object... namesAndValues) {
        Map<String, Object> options = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            options.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return options;
    }

    private static List<String> given(Map<String, Object> options) {
        List<String> given = new ArrayList<>();
        options.forEach((name, value) -> {
            if (isGiven(value)) {
                given.add(name);
            }
        });
        return given;
    }

    private static boolean isGiven(Object value) {
        return value != null && !Boolean.FALSE.equals(value);
    }
}
