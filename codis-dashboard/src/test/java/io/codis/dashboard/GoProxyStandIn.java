package io.codis.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.Proxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Answers the admin routes the dashboard calls on a proxy as the original's Go codis-proxy does,
 * with its {@code compile} string; there is no Go build here to start, and nothing but these answers
 * tells the dashboard which kind of proxy it talks to. It has no data plane.
 */
final class GoProxyStandIn implements AutoCloseable {
    static final String GO_COMPILE = "2018-11-04 16:22:39 +0800 by go version go1.9.2 linux/amd64";

    private final HttpServer server;
    final Proxy model;

    GoProxyStandIn(String product) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String addr = "127.0.0.1:" + server.getAddress().getPort();
        model = new Proxy(0, "0123456789abcdef0123456789abcdef", "2026-12-07 10:00:00.000000000 +0000 UTC", addr,
                "tcp4", "127.0.0.1:1", "", product, 4242, "/", "linux", "go-host", "");
        server.createContext("/", this::answer);
        server.start();
    }

    String adminAddr() {
        return model.adminAddr();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        exchange.getRequestBody().readAllBytes();
        String body;
        if (path.equals("/proxy")) {
            body = "{\"version\": \"2018-11-04 16:22:35 +0800 @de1ad02 @3.2.2-12-gde1ad02\", \"compile\": \""
                    + GO_COMPILE + "\", \"model\": " + JsonCodec.pretty(model) + "}";
        } else if (path.endsWith("/api/proxy/model") || path.equals("/proxy/model")) {
            body = JsonCodec.pretty(model);
        } else if (path.startsWith("/api/proxy/stats/")) {
            body = "{\"online\": true, \"closed\": false, \"ops\": {\"total\": 0, \"fails\": 0, \"redis\": {\"errors\": 0}, \"qps\": 0}}";
        } else {
            body = "\"OK\"";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
