package io.codis.admin.port;

import io.codis.common.cli.FatalError;

/** A {@code HOST:PORT} of a Redis server or proxy. */
record Address(String host, int port) {
    static Address parse(String what, String text) {
        int colon = text.lastIndexOf(':');
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (colon > 0 && port > 0 && port < 65536) {
                return new Address(text.substring(0, colon), port);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new FatalError("invalid " + what + "=" + text + ", want HOST:PORT");
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
