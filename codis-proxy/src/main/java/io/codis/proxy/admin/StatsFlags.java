package io.codis.proxy.admin;

/**
 * The {@code flags} bit mask of {@code GET /api/proxy/stats/{xauth}/{flags}}: 1 adds {@code ops.cmd},
 * 2 the slots (no effect on stats), 4 {@code runtime}; {@code 4294967295} asks for everything.
 */
public record StatsFlags(long mask) {
    public static final long WITH_COMMANDS = 1;
    public static final long WITH_SLOTS = 2;
    public static final long WITH_RUNTIME = 4;
    public static final StatsFlags NONE = new StatsFlags(0);
    public static final StatsFlags ALL = new StatsFlags(0xffffffffL);

    public StatsFlags {
        mask &= 0xffffffffL;
    }

    /**
     * Parses the decimal text as Go's {@code strconv.Atoi} does, then keeps 32 bits as the original's
     * uint32 conversion does.
     *
     * @throws IllegalArgumentException with Go's message, e.g. {@code strconv.Atoi: parsing "x": invalid syntax}
     */
    public static StatsFlags parse(String text) {
        String digits = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("strconv.Atoi: parsing " + goQuoted(text) + ": invalid syntax");
        }
        try {
            return new StatsFlags(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strconv.Atoi: parsing " + goQuoted(text) + ": value out of range", e);
        }
    }

    public boolean has(long flag) {
        return (mask & flag) != 0;
    }

    private static String goQuoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
