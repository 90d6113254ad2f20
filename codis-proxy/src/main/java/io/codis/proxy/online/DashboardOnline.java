package io.codis.proxy.online;

import io.codis.common.cli.FatalError;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.Topom;
import io.codis.common.rpc.ApiClient;
import io.codis.common.rpc.RpcException;
import io.codis.common.rpc.XAuth;
import io.codis.proxy.ProxyInstance;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a dashboard to put this proxy online, as {@code codis-proxy --dashboard=ADDR} (and the
 * coordinator options, which find the dashboard first) do: {@code GET /api/topom/model}, check the
 * product name, then {@code PUT /api/topom/proxy/online/{xauth}/{admin_addr}}; retried a number of
 * times with a pause between attempts, stopping early once the proxy is online or closed.
 */
public final class DashboardOnline {
    /** {@code --dashboard}: 10 attempts, 3 s apart. */
    public static final int DASHBOARD_ATTEMPTS = 10;
    /** {@code --zookeeper}, {@code --etcd}, {@code --filesystem}: 30 attempts, 3 s apart. */
    public static final int COORDINATOR_ATTEMPTS = 30;
    public static final Duration PAUSE = Duration.ofSeconds(3);
    private static final Logger LOG = LoggerFactory.getLogger(DashboardOnline.class);

    private final ProxyInstance proxy;
    private final ApiClient client;
    private final int attempts;
    private final Duration pause;

    public DashboardOnline(ProxyInstance proxy, ApiClient client, int attempts, Duration pause) {
        this.proxy = proxy;
        this.client = client;
        this.attempts = attempts;
        this.pause = pause;
    }

    /**
     * Tries up to the number of attempts, asking {@code dashboard} each time for the dashboard's
     * address (a coordinator lookup may fail: it then throws {@link RpcException} or returns null).
     *
     * @throws FatalError {@code online proxy failed} when no attempt succeeded, or
     *                    {@code unexcepted product name, got model = ...} when the dashboard serves another product
     */
    public void run(Supplier<String> dashboard) throws InterruptedException {
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (proxy.isClosed() || proxy.isOnline()) {
                return;
            }
            if (tryOnline(dashboard)) {
                return;
            }
            Thread.sleep(pause.toMillis());
        }
        throw new FatalError("online proxy failed");
    }

    private boolean tryOnline(Supplier<String> dashboardLookup) {
        String dashboard;
        try {
            dashboard = dashboardLookup.get();
        } catch (RuntimeException e) {
            LOG.warn("load & decode topom failed: {}", e.getMessage());
            return false;
        }
        if (dashboard == null || dashboard.isEmpty()) {
            LOG.warn("load dashboard address failed: no dashboard");
            return false;
        }
        String productName = proxy.config().productName();
        Topom topom;
        try {
            topom = client.get(ApiClient.url(dashboard, "/api/topom/model"), Topom.class);
        } catch (RpcException e) {
            LOG.warn("rpc fetch model failed: {}", e.getMessage());
            return false;
        }
        if (!productName.equals(topom.productName())) {
            throw new FatalError("unexcepted product name, got model =\n" + JsonCodec.pretty(topom));
        }
        String path = "/api/topom/proxy/online/" + XAuth.dashboard(productName) + "/" + proxy.model().adminAddr();
        try {
            client.put(ApiClient.url(dashboard, path), null);
        } catch (RpcException e) {
            LOG.warn("rpc online proxy failed: {}", e.getMessage());
            return false;
        }
        LOG.warn("rpc online proxy seems OK");
        return true;
    }
}
