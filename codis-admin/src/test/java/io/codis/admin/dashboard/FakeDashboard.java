package io.codis.admin.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.codis.common.json.JsonCodec;
import io.codis.common.rpc.XAuth;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tiny real HTTP listener standing in for a dashboard of product {@code codis-demo}: it records
 * every request (method, raw path, body) and answers with the reference's example JSON, {@code "OK"}
 * for PUTs, or the error body (status 800) set with {@link #failPut}. It checks the wire calls
 * codis-admin makes, not our own logic.
 */
final class FakeDashboard implements AutoCloseable {
    static final String PRODUCT = "codis-demo";
    static final String XAUTH = XAuth.dashboard(PRODUCT);

    record Request(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private volatile JsonNode stats = ReferenceJson.tree("stats.json");
    private volatile String rebalancePlan = "{}";

    FakeDashboard() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String addr() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The stats the dashboard reports from now on (null: an overview without stats). */
    void stats(JsonNode newStats) {
        stats = newStats;
    }

    /** The answer of {@code slots/rebalance}. */
    void rebalancePlan(String json) {
        rebalancePlan = json;
    }

    /** PUTs whose path starts with {@code /api/topom/{route}} fail with {@code cause}. */
    void failPut(String route, String cause) {
        failures.put("/api/topom/" + route, cause);
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The recorded requests as {@code METHOD path}, without the model and xping every command starts with. */
    synchronized List<String> calls() {
        return requests.stream().map(Request::toString)
                .filter(r -> !r.equals("GET /api/topom/model") && !r.startsWith("GET /api/topom/xping/")).toList();
    }

    synchronized void clear() {
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        synchronized (this) {
            requests.add(new Request(method, path, body));
        }
        if (method.equals("GET")) {
            if (path.equals("/api/topom/model")) {
                answer(exchange, 200, ReferenceJson.text("model.json"));
            } else if (path.startsWith("/api/topom/xping/")) {
                if (path.equals("/api/topom/xping/" + XAUTH)) {
                    answer(exchange, 200, "\"OK\"");
                } else {
                    answer(exchange, 800, error("invalid xauth, please check product name & auth"));
                }
            } else if (path.equals("/topom")) {
                answer(exchange, 200, JsonCodec.pretty(overview()));
            } else if (path.equals("/api/topom/stats/" + XAUTH)) {
                answer(exchange, 200, JsonCodec.pretty(stats));
            } else if (path.equals("/api/topom/slots/" + XAUTH)) {
                answer(exchange, 200, "[\n    {\n        \"id\": 0,\n        \"backend_addr\": \"10.2.16.201:6379\",\n"
                        + "        \"backend_addr_group_id\": 1\n    },\n    {\n        \"id\": 1\n    }\n]");
            } else {
                answer(exchange, 404, "404 page not found\n");
            }
            return;
        }
        for (Map.Entry<String, String> failure : failures.entrySet()) {
            if (path.startsWith(failure.getKey())) {
                answer(exchange, 800, error(failure.getValue()));
                return;
            }
        }
        if (path.startsWith("/api/topom/slots/rebalance/")) {
            answer(exchange, 200, rebalancePlan);
        } else {
            answer(exchange, 200, "\"OK\"");
        }
    }

    private JsonNode overview() {
        ObjectNode overview = JsonCodec.mapper().createObjectNode();
        overview.put("version", "3.2.2-java");
        overview.put("compile", "2026-12-01 by java");
        ObjectNode config = overview.putObject("config");
        config.put("coordinator_name", "filesystem");
        config.put("coordinator_addr", "/tmp/codis");
        config.put("admin_addr", "0.0.0.0:18080");
        config.put("product_name", PRODUCT);
        config.put("migration_parallel_slots", 100);
        overview.set("model", ReferenceJson.tree("model.json"));
        if (stats != null) {
            overview.set("stats", stats);
        }
        return overview;
    }

    private static String error(String cause) {
        return "{\n    \"Cause\": " + JsonCodec.compact(cause) + ",\n    \"Stack\": null\n}";
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 404 ? "text/plain; charset=utf-8"
                : "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
