package io.codis.dashboard.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.model.Proxy;
import io.codis.common.model.Sentinel;
import io.codis.common.model.Slot;
import io.codis.common.rpc.ApiClient;
import io.codis.common.rpc.XAuth;
import java.time.Duration;
import java.util.List;

/** The dashboard's calls to a proxy's admin API (proxy-api.md), authenticated with the proxy xauth. */
public final class ProxyCalls {
    private final ApiClient client;
    private final ApiClient statsClient = new ApiClient(Duration.ofSeconds(1));
    private final String productName;
    private final String productAuth;

    public ProxyCalls(String productName, String productAuth) {
        this.client = new ApiClient();
        this.productName = productName;
        this.productAuth = productAuth;
    }

    public String xauth(String token) {
        return XAuth.proxy(productName, productAuth, token);
    }

    public Proxy model(String adminAddr) {
        return client.get(ApiClient.url(adminAddr, "/api/proxy/model"), Proxy.class);
    }

    public void xping(String adminAddr, String token) {
        client.get(ApiClient.url(adminAddr, "/api/proxy/xping/" + xauth(token)));
    }

    public void fillSlots(Proxy p, List<Slot> slots) {
        client.put(ApiClient.url(p.adminAddr(), "/api/proxy/fillslots/" + xauth(p.token())), slots);
    }

    public void start(Proxy p) {
        client.put(ApiClient.url(p.adminAddr(), "/api/proxy/start/" + xauth(p.token())), null);
    }

    public void sentinels(Proxy p, Sentinel sentinel) {
        client.put(ApiClient.url(p.adminAddr(), "/api/proxy/sentinels/" + xauth(p.token())), sentinel);
    }

    public void shutdown(Proxy p) {
        client.put(ApiClient.url(p.adminAddr(), "/api/proxy/shutdown/" + xauth(p.token())), null);
    }

    public JsonNode stats(Proxy p) {
        return statsClient.get(ApiClient.url(p.adminAddr(), "/api/proxy/stats/" + xauth(p.token())), JsonNode.class);
    }
}
