package io.codis.common.http;

import java.util.function.BooleanSupplier;

/**
 * Checks the xauth segment of a protected route as the original does: a closed process first
 * ({@code use of closed proxy} / {@code use of closed topom}), then a missing and a wrong xauth.
 */
public final class XAuthGuard {
    public static final String MISSING = "missing xauth, please check product name & auth";
    public static final String INVALID = "invalid xauth, please check product name & auth";

    private final String expected;
    private final BooleanSupplier closed;
    private final String closedMessage;

    /** {@code closedMessage} is the refusal once {@code closed} is true, e.g. {@code use of closed proxy}. */
    public XAuthGuard(String expected, BooleanSupplier closed, String closedMessage) {
        this.expected = expected;
        this.closed = closed;
        this.closedMessage = closedMessage;
    }

    /** @throws ApiError when the process is closed or {@code xauth} is missing or wrong */
    public void verify(String xauth) {
        if (closed.getAsBoolean()) {
            throw new ApiError(closedMessage);
        }
        if (xauth == null || xauth.isEmpty()) {
            throw new ApiError(MISSING);
        }
        if (!xauth.equals(expected)) {
            throw new ApiError(INVALID);
        }
    }
}
