package io.codis.fe.login;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login of the console, on with {@code --users=FILE} (the original has none). {@code GET /login}
 * shows the form, {@code POST /login} (fields {@code user}, {@code password}) opens a session kept in
 * an HttpOnly, SameSite=Strict cookie and goes to {@code /}; {@code POST /logout} closes it. A script
 * may send HTTP Basic credentials instead. Without either, the page ({@code /}, {@code *.html})
 * redirects to {@code /login} and everything else, {@code /list} and the forwarded API included,
 * answers 401 {@code login required}.
 */
public final class LoginGuard {
    public static final String COOKIE = "codis_fe_session";
    /** The request headers that carry the fe's credentials, never passed on to a dashboard. */
    public static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "cookie");
    private static final Duration BASIC_REMEMBERED = Duration.ofMinutes(5);
    private static final String FORM = page();
    private static final Logger LOG = LoggerFactory.getLogger(LoginGuard.class);

    private final Users users;
    private final Sessions sessions = new Sessions();
    /** SHA-256 of Basic credentials checked lately → when that check expires; bcrypt is slow on purpose. */
    private final Map<String, Long> basicChecked = new ConcurrentHashMap<>();

    public LoginGuard(Users users) {
        this.users = users;
    }

    /** Answers the login routes and unauthenticated requests; true when the request may go on. */
    public boolean admit(Context ctx) {
        String path = ctx.path();
        String method = ctx.method().name();
        if (path.equals("/login")) {
            if (method.equals("POST")) {
                login(ctx);
            } else {
                showForm(ctx, 200, "");
            }
            return false;
        }
        if (path.equals("/logout")) {
            sessions.close(ctx.cookie(COOKIE));
            ctx.removeCookie(COOKIE, "/");
            ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
            return false;
        }
        if (user(ctx).isPresent()) {
            return true;
        }
        if ((method.equals("GET") || method.equals("HEAD")) && (path.equals("/") || path.endsWith(".html"))) {
            ctx.redirect("/login", io.javalin.http.HttpStatus.FOUND);
        } else {
            ctx.status(401).contentType("text/plain; charset=utf-8").result("login required\n");
        }
        return false;
    }

    private Optional<String> user(Context ctx) {
        Optional<String> user = sessions.user(ctx.cookie(COOKIE));
        if (user.isPresent()) {
            return user;
        }
        return basicUser(ctx.header("Authorization"));
    }

    private Optional<String> basicUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String user = credentials.substring(0, colon);
        String digest = sha256(credentials);
        Long until = basicChecked.get(digest);
        long now = System.nanoTime();
        if (until != null && until - now > 0) {
            return Optional.of(user);
        }
        if (!users.check(user, credentials.substring(colon + 1))) {
            return Optional.empty();
        }
        basicChecked.values().removeIf(expiry -> expiry - now < 0);
        basicChecked.put(digest, now + BASIC_REMEMBERED.toNanos());
        return Optional.of(user);
    }

    private void login(Context ctx) {
        String user = ctx.formParam("user");
        String password = ctx.formParam("password");
        if (user == null || !users.check(user, password)) {
            LOG.warn("login of user '{}' from {} refused", user, ctx.req().getRemoteAddr());
            showForm(ctx, 401, "Wrong user or password.");
            return;
        }
        LOG.warn("login of user '{}' from {}", user, ctx.req().getRemoteAddr());
        Cookie cookie = new Cookie(COOKIE, sessions.open(user));
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.STRICT);
        cookie.setMaxAge((int) Sessions.LIFETIME.toSeconds());
        ctx.cookie(cookie);
        ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private static void showForm(Context ctx, int status, String error) {
        ctx.status(status).contentType("text/html; charset=utf-8").result(FORM.replace("{{error}}", error));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String page() {
        try (InputStream in = LoginGuard.class.getResourceAsStream("login.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
