package io.codis.fe;

import io.codis.fe.assets.Assets;
import io.codis.fe.discovery.DashboardSource;
import io.codis.fe.discovery.ProductRoutes;
import io.codis.fe.login.LoginGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A codis-fe server in this JVM on a free loopback port, and a plain HTTP client of it (no redirects followed). */
final class FeUnderTest implements AutoCloseable {
    private final FeServer server;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private FeUnderTest(FeServer server) {
        this.server = server;
    }

    static FeUnderTest start(DashboardSource source) {
        return start(source, Duration.ofSeconds(5), Assets.builtIn(), null);
    }

    static FeUnderTest start(DashboardSource source, Duration reloadInterval, Assets assets, LoginGuard login) {
        return new FeUnderTest(FeServer.start("127.0.0.1:0", 8, assets, new ProductRoutes(source, reloadInterval), login));
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.port() + pathAndQuery;
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) {
        return send("GET", pathAndQuery, "", headers);
    }

    HttpResponse<String> put(String pathAndQuery, String... headers) {
        return send("PUT", pathAndQuery, "", headers);
    }

    /** {@code headers}: name, value, name, value... */
    HttpResponse<String> send(String method, String pathAndQuery, String body, String... headers) {
        return call(method, url(pathAndQuery), body, headers);
    }

    /** Any HTTP call, e.g. straight to a dashboard. */
    static HttpResponse<String> call(String method, String url, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
