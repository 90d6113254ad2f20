package io.codis.admin.dashboard;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.codis.admin.RemoteCalls;
import io.codis.common.model.Topom;
import io.codis.common.rpc.ApiClient;
import io.codis.common.rpc.XAuth;
import java.util.StringJoiner;

/**
 * A dashboard as codis-admin reaches it: before the first call it reads the dashboard's model,
 * computes the xauth of its product name and checks it with {@code xping}, as the original does
 * before every {@code --dashboard} command. Failures are fatal
 * {@code call rpc {op} to dashboard {addr} failed, {error}}.
 */
public final class DashboardClient {
    private final String addr;
    private final ApiClient client;
    private final RemoteCalls calls;
    private String xauth;

    public DashboardClient(String addr, ApiClient client) {
        this.addr = addr;
        this.client = client;
        this.calls = new RemoteCalls("dashboard", addr);
    }

    /** Reads the model and checks the xauth with {@code xping}, once. */
    public DashboardClient connect() {
        if (xauth == null) {
            Topom model = calls.call("model", () -> client.get(ApiClient.url(addr, "/api/topom/model"), Topom.class));
            String candidate = XAuth.dashboard(model.productName());
            calls.run("xping", () -> client.get(ApiClient.url(addr, "/api/topom/xping/" + candidate)));
            xauth = candidate;
        }
        return this;
    }

    /** {@code GET /topom}: the whole overview. */
    public JsonNode overview() {
        connect();
        return calls.call("overview", () -> client.get(ApiClient.url(addr, "/topom"), JsonNode.class));
    }

    /** {@code GET /api/topom/stats/{xauth}}. */
    public DashboardStats stats() {
        connect();
        return DashboardStats.of(calls.call("stats",
                () -> client.get(ApiClient.url(addr, "/api/topom/stats/" + xauth), JsonNode.class)));
    }

    /** {@code GET /api/topom/slots/{xauth}}: the 1024 slots as proxies see them. */
    public JsonNode slots() {
        connect();
        return calls.call("slots", () -> client.get(ApiClient.url(addr, "/api/topom/slots/" + xauth), JsonNode.class));
    }

    /**
     * {@code PUT /api/topom/{route}/{xauth}/{params...}} with {@code body} (none when null), e.g.
     * {@code put("group-add", null, "group/add", 1, "127.0.0.1:6379")}.
     */
    public void put(String op, Object body, String route, Object... params) {
        String url = url(route, params);
        calls.run(op, () -> client.put(url, body));
    }

    /** As {@link #put} without a body, decoding the answer as {@code type}. */
    public <T> T putAndRead(String op, TypeReference<T> type, String route, Object... params) {
        String url = url(route, params);
        return calls.call(op, () -> client.put(url, null, type));
    }

    private String url(String route, Object... params) {
        connect();
        StringJoiner path = new StringJoiner("/", "/api/topom/" + route + "/", "");
        path.add(xauth);
        for (Object param : params) {
            path.add(String.valueOf(param));
        }
        return ApiClient.url(addr, path.toString());
    }
}
