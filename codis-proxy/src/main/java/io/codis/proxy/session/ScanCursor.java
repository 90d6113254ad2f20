package io.codis.proxy.session;

/**
 * The proxy's SCAN cursor, an unsigned 64-bit number as Redis' is: the low {@link #GROUP_BITS} bits are
 * the group's index in {@link io.codis.proxy.router.Router#masters()} (at most 1024 groups: one a slot),
 * the others that group's own cursor. 0 starts at group 0 and is returned after the last group.
 */
final class ScanCursor {

    /** Redis' reply to a cursor that is not an unsigned 64-bit number. */
    static final String INVALID_CURSOR = "ERR invalid cursor";
    /** Not a cursor (also the all-ones cursor, which no backend of fewer than 2^54 buckets gives). */
    static final long INVALID = -1L;

    private static final int GROUP_BITS = 10;
    private static final long GROUP_MASK = (1L << GROUP_BITS) - 1;

    private ScanCursor() {
    }

    /** The cursor a client sent (decimal, as Redis parses it), or {@link #INVALID}. */
    static long parse(String text) {
        if (text == null || text.isEmpty() || text.charAt(0) == '+' || text.charAt(0) == '-') {
            return INVALID;
        }
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            return INVALID;
        }
    }

    static int group(long cursor) {
        return (int) (cursor & GROUP_MASK);
    }

    static long backendCursor(long cursor) {
        return cursor >>> GROUP_BITS;
    }

    /** Whether a backend's cursor leaves room for the group bits. */
    static boolean fitsBackendCursor(long backendCursor) {
        return backendCursor >>> (Long.SIZE - GROUP_BITS) == 0;
    }

    static long of(int group, long backendCursor) {
        return backendCursor << GROUP_BITS | group;
    }
}
