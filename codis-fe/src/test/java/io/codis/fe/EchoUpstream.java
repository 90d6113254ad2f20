package io.codis.fe;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP server that answers every request with what it received (method, raw path and query,
 * headers, body) as text, with the status asked in the {@code status} query parameter (default 200):
 * it shows what codis-fe passes on, which a dashboard does not tell.
 */
final class EchoUpstream implements AutoCloseable {
    private final HttpServer server;

    EchoUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join("|", values)));
            String query = exchange.getRequestURI().getRawQuery();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder echo = new StringBuilder()
                    .append("method=").append(exchange.getRequestMethod()).append('\n')
                    .append("path=").append(exchange.getRequestURI().getRawPath()).append('\n')
                    .append("query=").append(query).append('\n')
                    .append("body=").append(body).append('\n');
            headers.forEach((name, value) -> echo.append(name).append(": ").append(value).append('\n'));
            int status = 200;
            if (query != null && query.matches(".*\\bstatus=\\d{3}\\b.*")) {
                status = Integer.parseInt(query.replaceAll(".*\\bstatus=(\\d{3})\\b.*", "$1"));
            }
            byte[] answer = echo.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Upstream", "echo");
            exchange.getResponseHeaders().add("Content-Type", "text/x-echo");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String addr() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
