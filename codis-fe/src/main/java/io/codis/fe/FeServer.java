package io.codis.fe;

import io.codis.common.json.JsonCodec;
import io.codis.common.rpc.HostPort;
import io.codis.fe.assets.Assets;
import io.codis.fe.discovery.ProductRoutes;
import io.codis.fe.forward.DashboardForwarder;
import io.codis.fe.login.LoginGuard;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP server of codis-fe. Every request, whatever its method and path, goes through the
 * original's order: the login when it is on; a static file of the UI ({@code GET}/{@code HEAD});
 * {@code GET /list}, the sorted product names as pretty JSON ({@code null} when there are none, as
 * the original's Go prints an empty list); else the {@code ?forward=PRODUCT} reverse proxy to that
 * product's dashboard, or 403 with an empty body when the product is not known.
 */
public final class FeServer implements AutoCloseable {
    private static final Set<HandlerType> METHODS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.POST,
            HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE, HandlerType.OPTIONS);

    private final Javalin app;
    private final Assets assets;
    private final ProductRoutes routes;
    private final LoginGuard login;
    private final DashboardForwarder forwarder;

    private FeServer(int threads, Assets assets, ProductRoutes routes, LoginGuard login) {
        this.assets = assets;
        this.routes = routes;
        this.login = login;
        this.forwarder = new DashboardForwarder(login == null ? Set.of() : LoginGuard.CREDENTIAL_HEADERS);
        QueuedThreadPool pool = new QueuedThreadPool(threads, Math.min(2, threads), 60_000);
        pool.setName("fe-http");
        pool.setDaemon(true);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.jetty.threadPool = pool;
            config.http.disableCompression();
            config.http.prefer405over404 = false;
        });
        for (HandlerType method : METHODS) {
            app.addHttpHandler(method, "/", this::handle);
            app.addHttpHandler(method, "/*", this::handle);
        }
    }

    /**
     * Listens on {@code listen} ({@code host:port}; an empty host or {@code 0.0.0.0} on every interface).
     *
     * @param login null: no login, as the original
     * @throws IllegalStateException {@code listen {addr} failed, ...} when it cannot listen
     */
    public static FeServer start(String listen, int threads, Assets assets, ProductRoutes routes, LoginGuard login) {
        FeServer server = new FeServer(threads, assets, routes, login);
        try {
            HostPort address = HostPort.parse(listen);
            String host = address.host();
            if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
                server.app.start(address.port());
            } else {
                server.app.start(host, address.port());
            }
        } catch (RuntimeException e) {
            server.app.stop();
            throw new IllegalStateException("listen " + listen + " failed, " + rootMessage(e), e);
        }
        return server;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private void handle(Context ctx) {
        if (login != null && !login.admit(ctx)) {
            return;
        }
        String method = ctx.method().name();
        if (method.equals("GET") || method.equals("HEAD")) {
            Optional<Assets.Found> asset = decodedPath(ctx).flatMap(assets::find);
            if (asset.isPresent()) {
                serve(ctx, asset.get());
                return;
            }
        }
        if (method.equals("GET") && (ctx.path().equals("/list") || ctx.path().equals("/list/"))) {
            List<String> names = routes.reloadedNames();
            ctx.contentType("text/plain; charset=utf-8").result(JsonCodec.pretty(names.isEmpty() ? null : names));
            return;
        }
        Optional<String> dashboard = routes.dashboardOf(ctx.queryParam("forward"));
        if (dashboard.isPresent()) {
            forwarder.forward(ctx, dashboard.get());
        } else {
            ctx.status(HttpStatus.FORBIDDEN).result(new byte[0]);
        }
    }

    private static void serve(Context ctx, Assets.Found found) {
        if (found instanceof Assets.Redirect redirect) {
            ctx.redirect(redirect.location(), HttpStatus.FOUND);
            return;
        }
        Assets.File file = (Assets.File) found;
        String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(Instant.ofEpochMilli(file.lastModifiedMillis()), ZoneOffset.UTC));
        ctx.header("Last-Modified", lastModified);
        if (notModifiedSince(ctx.header("If-Modified-Since"), file.lastModifiedMillis())) {
            ctx.status(HttpStatus.NOT_MODIFIED).result(new byte[0]);
            return;
        }
        ctx.contentType(file.contentType()).result(file.content());
    }

    private static boolean notModifiedSince(String header, long lastModifiedMillis) {
        if (header == null) {
            return false;
        }
        try {
            return ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli()
                    >= lastModifiedMillis;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Optional<String> decodedPath(Context ctx) {
        try {
            return Optional.ofNullable(new URI(ctx.req().getRequestURI()).getPath());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
