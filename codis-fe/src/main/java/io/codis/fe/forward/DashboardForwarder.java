package io.codis.fe.forward;

import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reverse proxy of codis-fe, as Go's {@code httputil.ReverseProxy}: the request goes to
 * {@code http://{dashboard}} unchanged (method, path, query string, body, headers but the hop-by-hop
 * ones, plus {@code X-Forwarded-For}), and the answer comes back unchanged, whatever its status
 * (800 included). A dashboard that cannot be reached gives 502 with an empty body. Dial timeout 10 s.
 */
public final class DashboardForwarder {
    private static final Duration DIAL_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(DashboardForwarder.class);
    /** Hop-by-hop headers (RFC 7230) and those java.net.http sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length", "expect", "http2-settings");
    /** Headers of the answer that Jetty writes itself. */
    private static final Set<String> NOT_RELAYED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "content-length", "date", "server");
    public static final int BAD_GATEWAY = 502;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(DIAL_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Set<String> withheld;

    /** @param withheldHeaders request headers (lower case) never passed on, e.g. the fe's own credentials */
    public DashboardForwarder(Set<String> withheldHeaders) {
        this.withheld = Set.copyOf(withheldHeaders);
    }

    /** Forwards the request of {@code ctx} to the dashboard at {@code dashboard} and relays its answer. */
    public void forward(Context ctx, String dashboard) {
        HttpRequest request;
        try {
            request = request(ctx, dashboard);
        } catch (IllegalArgumentException e) {
            LOG.warn("http: proxy error: {}", e.getMessage());
            ctx.status(BAD_GATEWAY).result(new byte[0]);
            return;
        }
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            LOG.warn("http: proxy error: {} {}: {}", request.method(), request.uri(), e.toString());
            ctx.status(BAD_GATEWAY).result(new byte[0]);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ctx.status(BAD_GATEWAY).result(new byte[0]);
            return;
        }
        ctx.status(answer.statusCode());
        answer.headers().map().forEach((name, values) -> {
            if (!NOT_RELAYED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> ctx.res().addHeader(name, value));
            }
        });
        ctx.result(answer.body());
    }

    private HttpRequest request(Context ctx, String dashboard) {
        String query = ctx.queryString();
        URI uri = URI.create("http://" + dashboard + ctx.req().getRequestURI() + (query == null ? "" : "?" + query));
        byte[] body = ctx.bodyAsBytes();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .method(ctx.method().name(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        String forwardedFor = null;
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("x-forwarded-for")) {
                forwardedFor = String.join(", ", Collections.list(ctx.req().getHeaders(name)));
            } else if (!NOT_FORWARDED.contains(lower) && !withheld.contains(lower)) {
                for (String value : Collections.list(ctx.req().getHeaders(name))) {
                    builder.header(name, value);
                }
            }
        }
        String client = ctx.req().getRemoteAddr();
        builder.header("X-Forwarded-For", forwardedFor == null ? client : forwardedFor + ", " + client);
        return builder.build();
    }
}
