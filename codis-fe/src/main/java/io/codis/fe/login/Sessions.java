package io.codis.fe.login;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The logged-in sessions of the console: random tokens that last {@link #LIFETIME} from the login. */
final class Sessions {
    static final Duration LIFETIME = Duration.ofHours(12);

    private record Session(String user, long expiresAtNanos) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** A new session of {@code user}; returns its token. */
    String open(String user) {
        long now = System.nanoTime();
        sessions.values().removeIf(session -> session.expiresAtNanos() - now < 0);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(token, new Session(user, now + LIFETIME.toNanos()));
        return token;
    }

    /** The user of the live session {@code token}. */
    Optional<String> user(String token) {
        Session session = token == null ? null : sessions.get(token);
        if (session == null) {
            return Optional.empty();
        }
        if (session.expiresAtNanos() - System.nanoTime() < 0) {
            sessions.remove(token);
            return Optional.empty();
        }
        return Optional.of(session.user());
    }

    void close(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }
}
