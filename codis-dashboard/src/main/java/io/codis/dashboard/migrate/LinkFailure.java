package io.codis.dashboard.migrate;

/** A connection of a pass to {@link #addr()} was refused, broke, timed out, or the server refused its DB. */
final class LinkFailure extends RuntimeException {
    private final String addr;

    LinkFailure(String addr, RuntimeException cause) {
        super(cause.getMessage(), cause);
        this.addr = addr;
    }

    String addr() {
        return addr;
    }

    /** The failure as a slot's error shows it: {@code dial tcp {addr}: …} or {@code {addr}: …}. */
    String describe() {
        String message = getMessage() == null ? getCause().getClass().getSimpleName() : getMessage();
        return message.startsWith("dial tcp ") ? message : addr + ": " + message;
    }
}
