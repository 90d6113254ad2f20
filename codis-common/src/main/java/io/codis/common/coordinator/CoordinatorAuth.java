package io.codis.common.coordinator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Coordinator credentials given as "user:password"; the user must not be empty. */
public record CoordinatorAuth(String user, String password) {

    /** Empty for a null or empty text; fails with {@code invalid auth} when the user part is missing. */
    public static Optional<CoordinatorAuth> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new CoordinatorException("invalid auth");
        }
        return Optional.of(new CoordinatorAuth(text.substring(0, colon), text.substring(colon + 1)));
    }

    /** "user:password", as ZooKeeper's digest scheme takes it. */
    public String text() {
        return user + ":" + password;
    }

    /** The value of an HTTP basic Authorization header. */
    public String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString(text().getBytes(StandardCharsets.UTF_8));
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "CoordinatorAuth[user=" + user + "]";
    }
}
