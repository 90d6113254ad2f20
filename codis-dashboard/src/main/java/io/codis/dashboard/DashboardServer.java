package io.codis.dashboard;

import io.codis.common.config.DashboardConfig;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.http.ApiServer;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.StartTime;
import io.codis.common.model.ThisProcess;
import io.codis.common.model.Topom;
import io.codis.common.rpc.AdvertisedAddresses;
import io.codis.common.rpc.Tokens;
import io.codis.dashboard.api.DashboardRoutes;
import io.codis.dashboard.slots.SlotMigrator;
import io.codis.dashboard.store.Store;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole dashboard in this JVM: the HTTP API on {@code admin_addr} (answering from the start, with
 * {@code topom is not online} until the lock is held) and the {@link Dashboard} behind it. Closing
 * it releases the lock, then stops the listener.
 */
public final class DashboardServer implements AutoCloseable {
    /** The original retries the lock 17 times, 2 s apart. */
    public static final int LOCK_ATTEMPTS = 17;
    public static final Duration LOCK_PAUSE = Duration.ofSeconds(2);
    private static final long SHUTDOWN_ANSWER_GRACE_MILLIS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);

    private final Dashboard dashboard;
    private volatile Dashboard created;
    private final ApiServer api;
    private final Coordinator coordinator;

    private DashboardServer(DashboardConfig config, AdvertisedAddresses addresses, Coordinator coordinator,
            SlotMigrator migrator) {
        this.coordinator = coordinator;
        this.api = new ApiServer("dashboard-admin", io.codis.common.http.ObjectTag.of(this));
        DashboardRoutes.install(api, config.productName(), () -> created);
        Dashboard dashboard;
        try {
            api.start(config.adminAddr());
            String listen = api.listenAddress();
            String adminAddr = addresses.advertise("tcp", listen, config.hostAdmin());
            Topom model = new Topom(Tokens.dashboard(config.productName(), listen), StartTime.now(), adminAddr,
                    config.productName(), ThisProcess.pid(), ThisProcess.pwd(), ThisProcess.sys());
            dashboard = new Dashboard(config, new Store(coordinator, config.productName()), model,
                    migrator != null ? migrator : SlotMigrator.forConfig(config));
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
        this.dashboard = dashboard;
        this.created = dashboard;
        LOG.warn("create new topom:\n{}", JsonCodec.pretty(dashboard.model()));
        LOG.warn("admin start service on {}", api.listenAddress());
    }

    /**
     * Serves the API at once; the lock is taken by {@link #goOnline}. {@code migrator} null: the
     * one of {@link SlotMigrator#forConfig}.
     */
    public static DashboardServer start(DashboardConfig config, AdvertisedAddresses addresses, Coordinator coordinator,
            SlotMigrator migrator) {
        return new DashboardServer(config, addresses, coordinator, migrator);
    }

    /** Takes the product lock ({@code attempts} tries, {@code pause} apart) and starts the loops. */
    public void goOnline(int attempts, Duration pause) throws InterruptedException {
        dashboard.goOnline(attempts, pause);
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    public int adminPort() {
        return api.port();
    }

    /** Waits for the dashboard to be closed (shutdown route, signal or {@link #close()}), then stops the API. */
    public void awaitClosed() throws InterruptedException {
        dashboard.awaitClosed();
        Thread.sleep(SHUTDOWN_ANSWER_GRACE_MILLIS); // lets the shutdown route's answer leave before the listener stops
        api.close();
    }

    /** Releases the lock, stops the API and the coordinator client. Idempotent. */
    @Override
    public void close() {
        try {
            dashboard.close();
        } finally {
            api.close();
            coordinator.close();
        }
    }
}
