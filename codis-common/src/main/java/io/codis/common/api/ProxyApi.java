package io.codis.common.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.log.LogLevel;
import io.codis.common.model.Proxy;
import io.codis.common.model.Sentinel;
import io.codis.common.model.Slot;
import io.codis.common.rpc.ApiClient;
import io.codis.common.rpc.XAuth;
import java.util.List;

/**
 * The admin API of one proxy (proxy-api.md) at its admin address, as the dashboard and codis-admin
 * call it: {@link #model()} and {@link #overview()} need no xauth; every other route takes the proxy
 * xauth of product name, product auth and the proxy's token, set with {@link #withXAuth}. Immutable.
 */
public final class ProxyApi {
    private final ApiClient client;
    private final String addr;
    private final ApiCalls calls;
    private final String xauth;

    /** The proxy whose admin API listens on {@code addr}, not yet authorised. */
    public ProxyApi(ApiClient client, String addr, ApiCalls calls) {
        this(client, addr, calls, null);
    }

    private ProxyApi(ApiClient client, String addr, ApiCalls calls, String xauth) {
        this.client = client;
        this.addr = addr;
        this.calls = calls;
        this.xauth = xauth;
    }

    /** The same proxy, authorised with {@code xauth(productName, productAuth, token)}. */
    public ProxyApi withXAuth(String productName, String productAuth, String token) {
        return new ProxyApi(client, addr, calls, XAuth.proxy(productName, productAuth == null ? "" : productAuth, token));
    }

    /**
     * Reads the proxy's model, authorises with the model's product name and token and
     * {@code productAuth}, and checks that with {@code xping}: what codis-admin does before every
     * mutating {@code --proxy} command.
     */
    public ProxyApi connect(String productAuth) {
        Proxy model = model();
        ProxyApi authorised = withXAuth(model.productName(), productAuth, model.token());
        authorised.xping();
        return authorised;
    }

    /** {@code GET /api/proxy/model}. */
    public Proxy model() {
        return calls.call("model", () -> client.get(url("/api/proxy/model"), Proxy.class));
    }

    /** {@code GET /proxy}: the whole overview. */
    public JsonNode overview() {
        return calls.call("overview", () -> client.get(url("/proxy"), JsonNode.class));
    }

    /** {@code GET /api/proxy/xping/{xauth}}. */
    public void xping() {
        calls.run("xping", () -> client.get(url("/api/proxy/xping/" + xauth())));
    }

    /** {@code GET /api/proxy/stats/{xauth}}: the stats without the per-command table and runtime. */
    public JsonNode stats() {
        return calls.call("stats", () -> client.get(url("/api/proxy/stats/" + xauth()), JsonNode.class));
    }

    /** {@code PUT /api/proxy/start/{xauth}}: go online. */
    public void start() {
        put("start", "/api/proxy/start/", null);
    }

    /** {@code PUT /api/proxy/shutdown/{xauth}}: the proxy closes and exits. */
    public void shutdown() {
        put("shutdown", "/api/proxy/shutdown/", null);
    }

    /** {@code PUT /api/proxy/stats/reset/{xauth}}. */
    public void resetStats() {
        put("resetstats", "/api/proxy/stats/reset/", null);
    }

    /** {@code PUT /api/proxy/forcegc/{xauth}}. */
    public void forceGc() {
        put("forcegc", "/api/proxy/forcegc/", null);
    }

    /** {@code PUT /api/proxy/loglevel/{xauth}/{LEVEL}}, the level as its upper-case name. */
    public void logLevel(LogLevel level) {
        calls.run("loglevel", () -> client.put(url("/api/proxy/loglevel/" + xauth() + "/" + level.name()), null));
    }

    /** {@code PUT /api/proxy/fillslots/{xauth}} with {@code slots}. */
    public void fillSlots(List<Slot> slots) {
        put("fillslots", "/api/proxy/fillslots/", slots);
    }

    /** {@code PUT /api/proxy/sentinels/{xauth}} with {@code sentinel}. */
    public void sentinels(Sentinel sentinel) {
        put("sentinels", "/api/proxy/sentinels/", sentinel);
    }

    private void put(String op, String route, Object body) {
        calls.run(op, () -> client.put(url(route + xauth()), body));
    }

    private String xauth() {
        if (xauth == null) {
            throw new IllegalStateException("proxy " + addr + " called before withXAuth");
        }
        return xauth;
    }

    private String url(String path) {
        return ApiClient.url(addr, path);
    }
}
