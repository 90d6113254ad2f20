package io.codis.fe;

import io.codis.common.config.DashboardConfig;
import io.codis.common.coordinator.Coordinators;
import io.codis.common.rpc.AdvertisedAddresses;
import io.codis.dashboard.DashboardServer;
import java.time.Duration;

/** A real codis-dashboard in this JVM, online (holding its product's lock) on the coordinator given. */
final class RealDashboard implements AutoCloseable {
    final String product;
    private final DashboardServer server;

    private RealDashboard(String coordinatorName, String coordinatorAddr, String product) throws InterruptedException {
        this.product = product;
        DashboardConfig config = DashboardConfig.parse("coordinator_name = \"" + coordinatorName
                + "\"\ncoordinator_addr = \"" + coordinatorAddr + "\"\nproduct_name = \"" + product
                + "\"\nadmin_addr = \"127.0.0.1:0\"\n");
        this.server = DashboardServer.start(config, AdvertisedAddresses.ofThisHost(),
                Coordinators.open(coordinatorName, coordinatorAddr, "", Duration.ofSeconds(5)), null);
        server.goOnline(1, Duration.ofMillis(10));
    }

    static RealDashboard start(String coordinatorName, String coordinatorAddr, String product) throws InterruptedException {
        return new RealDashboard(coordinatorName, coordinatorAddr, product);
    }

    /** {@code 127.0.0.1:port}, the admin_addr it wrote in its lock. */
    String adminAddr() {
        return server.dashboard().model().adminAddr();
    }

    String xauth() {
        return server.dashboard().xauth();
    }

    @Override
    public void close() {
        server.close();
    }
}
