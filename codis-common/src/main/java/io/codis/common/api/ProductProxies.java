package io.codis.common.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.model.Proxy;
import io.codis.common.model.Sentinel;
import io.codis.common.model.Slot;
import io.codis.common.rpc.ApiClient;
import java.time.Duration;
import java.util.List;

/**
 * The proxies of one product as its dashboard calls them ({@link ProxyApi}), each authorised with
 * the xauth of the product's name and auth and the proxy's token. Stats are read with a 1 s
 * deadline, as the dashboard samples every proxy every second.
 */
public final class ProductProxies {
    /** The deadline of one stats sample. */
    public static final Duration STATS_TIMEOUT = Duration.ofSeconds(1);

    private final ApiClient client = new ApiClient();
    private final ApiClient statsClient = new ApiClient(STATS_TIMEOUT);
    private final String productName;
    private final String productAuth;

    public ProductProxies(String productName, String productAuth) {
        this.productName = productName;
        this.productAuth = productAuth;
    }

    /** {@code GET /api/proxy/model} of the proxy at {@code adminAddr}. */
    public Proxy model(String adminAddr) {
        return new ProxyApi(client, adminAddr, ApiCalls.DIRECT).model();
    }

    /** Checks the product's xauth for {@code token} on the proxy at {@code adminAddr}. */
    public void xping(String adminAddr, String token) {
        api(client, adminAddr, token).xping();
    }

    /** {@code GET /proxy} of {@code p}, the whole overview, failing after {@link #STATS_TIMEOUT}. */
    public JsonNode overview(Proxy p) {
        return new ProxyApi(statsClient, p.adminAddr(), ApiCalls.DIRECT).overview();
    }

    public void fillSlots(Proxy p, List<Slot> slots) {
        api(p).fillSlots(slots);
    }

    public void start(Proxy p) {
        api(p).start();
    }

    public void sentinels(Proxy p, Sentinel sentinel) {
        api(p).sentinels(sentinel);
    }

    public void shutdown(Proxy p) {
        api(p).shutdown();
    }

    /** One stats sample of {@code p}, failing after {@link #STATS_TIMEOUT}. */
    public JsonNode stats(Proxy p) {
        return api(statsClient, p.adminAddr(), p.token()).stats();
    }

    private ProxyApi api(Proxy p) {
        return api(client, p.adminAddr(), p.token());
    }

    private ProxyApi api(ApiClient with, String adminAddr, String token) {
        return new ProxyApi(with, adminAddr, ApiCalls.DIRECT).withXAuth(productName, productAuth, token);
    }
}
