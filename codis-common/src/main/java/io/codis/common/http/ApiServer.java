package io.codis.common.http;

import io.codis.common.json.JsonCodec;
import io.codis.common.rpc.HostPort;
import io.codis.common.rpc.RemoteError;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.Locale;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of an admin API (dashboard and proxy) with the original's conventions:
 * <ul>
 * <li>success: status 200, the result as pretty JSON (4 spaces), {@code application/json; charset=utf-8};</li>
 * <li>failure: status 800 with {@code {"Cause": message, "Stack": ...}};</li>
 * <li>unknown path or wrong method: 404, {@code text/plain; charset=utf-8}, {@code 404 page not found\n};</li>
 * <li>a trailing slash is accepted, query strings are ignored, gzip when the client accepts it;</li>
 * <li>every non-GET call under {@code /api/} is logged at WARN before it runs:
 *     {@code [tag] API call {path} from {remote} [{X-Real-IP or X-Forwarded-For}]}.</li>
 * </ul>
 * Register the routes, then {@link #start}. A small thread pool: admin APIs carry little traffic.
 */
public final class ApiServer implements AutoCloseable {
    public static final int ERROR_STATUS = 800;
    public static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";
    private static final String NOT_FOUND_BODY = "404 page not found\n";
    private static final int MAX_THREADS = 12;
    private static final int MIN_THREADS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Javalin app;
    private final String logTag;
    private volatile HostPort listening;
    private static final long SEND_GRACE_MILLIS = 200;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param name   names the server's threads, e.g. {@code proxy-admin}
     * @param logTag the {@code [%p]} tag of the API-call log lines, see {@link ObjectTag}
     */
    public ApiServer(String name, String logTag) {
        this.logTag = logTag;
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS, 60_000);
        threads.setName(name);
        threads.setDaemon(true);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.jetty.threadPool = threads;
            config.router.ignoreTrailingSlashes = true;
            config.router.treatMultipleSlashesAsSingleSlash = true;
            config.http.prefer405over404 = false;
            config.http.defaultContentType = JSON_CONTENT_TYPE;
            CompressionStrategy gzip = new CompressionStrategy(null, new Gzip());
            gzip.setDefaultMinSizeForCompression(0);
            config.http.customCompression(gzip);
            config.requestLogger.http((ctx, millis) -> inFlight.decrementAndGet());
        });
        app.before(ctx -> inFlight.incrementAndGet());
        app.before(this::logApiCall);
        app.error(HttpStatus.NOT_FOUND, ApiServer::notFound);
    }

    /** A GET route; {@code path} uses {@code {name}} for a path segment, e.g. {@code /api/proxy/stats/{xauth}}. */
    public ApiServer get(String path, ApiHandler handler) {
        app.addHttpHandler(HandlerType.GET, path, ctx -> answer(ctx, handler));
        return this;
    }

    /** A PUT route. */
    public ApiServer put(String path, ApiHandler handler) {
        app.addHttpHandler(HandlerType.PUT, path, ctx -> answer(ctx, handler));
        return this;
    }

    /** {@code GET from} answers 302 to {@code to} (the original's {@code GET /}). */
    public ApiServer redirect(String from, String to) {
        app.addHttpHandler(HandlerType.GET, from, ctx -> ctx.redirect(to, HttpStatus.FOUND));
        return this;
    }

    /**
     * Listens on {@code address} ({@code host:port}; an empty host, {@code 0.0.0.0} or {@code ::}
     * listen on every interface; port 0 picks a free one).
     *
     * @throws IllegalStateException {@code listen tcp {address}: ...} when it cannot be bound
     */
    public ApiServer start(String address) {
        HostPort hostPort = HostPort.parse(address);
        String host = hostPort.host();
        boolean wildcard = host.isEmpty() || host.equals("0.0.0.0") || host.equals("::");
        try {
            if (wildcard) {
                app.start(hostPort.port());
            } else {
                app.start(host, hostPort.port());
            }
        } catch (RuntimeException e) {
            app.stop();
            throw new IllegalStateException("listen tcp " + address + ": " + rootMessage(e), e);
        }
        listening = wildcard ? new HostPort("::", app.port()) : resolved(hostPort.host(), app.port());
        return this;
    }

    /**
     * The listener's address as Go reports a {@code tcp} listener, which tokens are computed from:
     * {@code [::]:11080} on a wildcard address, {@code 127.0.0.1:11080} on a specific one.
     */
    public String listenAddress() {
        return listening.toString();
    }

    /** The port actually bound. */
    public int port() {
        return app.port();
    }

    /**
     * Stops listening once the calls in flight are answered (waiting at most 2 s for them, so that a
     * shutdown route can still answer its caller). A call counts as answered when Javalin logs it,
     * which is before Jetty has sent the last bytes, so after waiting for one the server stays up a
     * little longer. Idempotent.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
        boolean waited = false;
        try {
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                waited = true;
                Thread.sleep(10);
            }
            if (waited) {
                Thread.sleep(SEND_GRACE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        app.stop();
    }

    private void answer(Context ctx, ApiHandler handler) {
        ctx.contentType(JSON_CONTENT_TYPE);
        try {
            Object result = handler.handle(ctx);
            ctx.status(HttpStatus.OK).result(JsonCodec.prettyBytes(result));
        } catch (ApiError e) {
            fail(ctx, RemoteError.of(e.getMessage()));
        } catch (Exception e) {
            LOG.warn("{} API call {} failed: {}", logTag, ctx.path(), e.toString());
            fail(ctx, RemoteError.of(e));
        }
    }

    private static void fail(Context ctx, RemoteError error) {
        ctx.status(ERROR_STATUS).contentType(JSON_CONTENT_TYPE).result(JsonCodec.prettyBytes(error));
    }

    private void logApiCall(Context ctx) {
        String method = ctx.method().name();
        if (!method.equals("GET") && ctx.path().startsWith("/api/")) {
            String header = ctx.header("X-Real-IP");
            if (header == null || header.isEmpty()) {
                header = ctx.header("X-Forwarded-For");
            }
            LOG.warn("{} API call {} from {} [{}]", logTag, ctx.path(), remote(ctx), header == null ? "" : header);
        }
    }

    private static String remote(Context ctx) {
        String ip = ctx.req().getRemoteAddr();
        int port = ctx.req().getRemotePort();
        return ip.contains(":") ? "[" + ip + "]:" + port : ip + ":" + port;
    }

    private static void notFound(Context ctx) {
        ctx.contentType("text/plain; charset=utf-8").result(NOT_FOUND_BODY);
    }

    private static HostPort resolved(String host, int port) {
        try {
            return HostPort.of(java.net.InetAddress.getByName(host), port);
        } catch (java.net.UnknownHostException e) {
            return new HostPort(host, port);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.toLowerCase(Locale.ROOT);
    }
}
