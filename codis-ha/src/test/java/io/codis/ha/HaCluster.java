package io.codis.ha;

import io.codis.common.api.ApiCalls;
import io.codis.common.api.DashboardApi;
import io.codis.common.config.DashboardConfig;
import io.codis.common.config.ProxyConfig;
import io.codis.common.coordinator.Coordinators;
import io.codis.common.rpc.AdvertisedAddresses;
import io.codis.common.rpc.ApiClient;
import io.codis.common.testkit.FreePorts;
import io.codis.common.testkit.TempDirs;
import io.codis.dashboard.DashboardServer;
import io.codis.proxy.ProxyServer;
import java.nio.file.Path;
import java.time.Duration;

/** A real dashboard (filesystem coordinator in a temp dir, online) and one real proxy of the product, not yet registered. */
final class HaCluster implements AutoCloseable {
    final DashboardServer dashboard;
    final ProxyServer proxy;
    final DashboardApi api;
    private final Path root;

    HaCluster(String product) throws InterruptedException {
        root = TempDirs.create("codis-ha-");
        DashboardConfig config = DashboardConfig.parse("coordinator_name = \"filesystem\"\ncoordinator_addr = \"" + root
                + "\"\nproduct_name = \"" + product + "\"\nadmin_addr = \"127.0.0.1:0\"\n");
        dashboard = DashboardServer.start(config, AdvertisedAddresses.ofThisHost(),
                Coordinators.open("filesystem", root.toString(), "", Duration.ofSeconds(5)), null);
        proxy = ProxyServer.start(ProxyConfig.parse("product_name = \"" + product + "\"\nproto_type = \"tcp4\"\nproxy_addr = \"127.0.0.1:"
                + FreePorts.next() + "\"\nadmin_addr = \"127.0.0.1:0\"\n"), AdvertisedAddresses.ofThisHost());
        dashboard.goOnline(1, Duration.ofMillis(10));
        api = new DashboardApi(new ApiClient(), "127.0.0.1:" + dashboard.adminPort(), ApiCalls.DIRECT);
    }

    @Override
    public void close() {
        try {
            proxy.close();
            dashboard.close();
        } finally {
            TempDirs.delete(root);
        }
    }
}
