package io.codis.proxy;

import io.codis.common.config.ProxyConfig;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.Coordinators;
import io.codis.common.http.ApiServer;
import io.codis.common.http.ObjectTag;
import io.codis.common.json.JsonCodec;
import io.codis.common.rpc.AdvertisedAddresses;
import io.codis.proxy.admin.ProxyAdminRoutes;
import io.codis.proxy.jodis.JodisRegistration;
import io.codis.proxy.metrics.MetricsReporters;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole proxy in this JVM: the data plane listening on {@code proxy_addr}, the admin API on
 * {@code admin_addr}, and the {@link ProxyInstance} both drive. Closing it (from the API's shutdown
 * route, a signal or the caller) closes the proxy first and the admin listener last.
 */
public final class ProxyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final String tag = ObjectTag.of(this);
    private final DataPlane dataPlane;
    private final ApiServer admin;
    private final ProxyInstance proxy;

    private ProxyServer(ProxyConfig config, AdvertisedAddresses addresses, int eventLoops, int maxEventLoops) {
        dataPlane = new DataPlane(config, eventLoops, maxEventLoops);
        CompletableFuture<ProxyInstance> created = new CompletableFuture<>();
        try {
            dataPlane.listen();
            ApiServer routed = new ApiServer("proxy-admin", tag);
            ProxyAdminRoutes.install(routed, created);
            admin = routed.start(config.adminAddr());
        } catch (RuntimeException e) {
            dataPlane.close();
            throw e;
        }
        try {
            proxy = new ProxyInstance(config, dataPlane, admin.listenAddress(), addresses, tag);
        } catch (RuntimeException e) {
            created.completeExceptionally(e);
            admin.close();
            dataPlane.close();
            throw e;
        }
        LOG.warn("{} create new proxy:\n{}", tag, JsonCodec.pretty(proxy.model()));
        if (!config.jodisAddr().isEmpty()) {
            registerWithJodis(config);
        }
        MetricsReporters.start(proxy);
        created.complete(proxy);
        LOG.warn("{} admin start service on {}", tag, admin.listenAddress());
        dataPlane.startLoopTuning();
    }

    /** The Jodis node is created when the proxy goes online and deleted when it closes. */
    private void registerWithJodis(ProxyConfig config) {
        Coordinator jodis;
        try {
            jodis = Coordinators.open(config.jodisName(), config.jodisAddr(), config.jodisAuth(), config.jodisTimeout());
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("create '" + config.jodisName() + "' client to '" + config.jodisAddr()
                    + "' failed, " + e.getMessage(), e);
        }
        JodisRegistration registration = new JodisRegistration(jodis, proxy.model());
        proxy.onStart(registration::start);
        proxy.onClose(registration::close);
    }

    /**
     * Listens on both addresses and serves the admin API; clients are told "router is not online"
     * until the proxy is started.
     *
     * @throws RuntimeException when an address cannot be bound or advertised
     */
    public static ProxyServer start(ProxyConfig config, AdvertisedAddresses addresses) {
        int cpus = Runtime.getRuntime().availableProcessors();
        return start(config, addresses, cpus, cpus);
    }

    /**
     * As {@link #start(ProxyConfig, AdvertisedAddresses)} with {@code eventLoops} data-plane threads taking
     * the clients ({@code --ncpu}), and up to {@code maxEventLoops} under load ({@code --max-ncpu}, see
     * DataPlane#startLoopTuning).
     */
    public static ProxyServer start(ProxyConfig config, AdvertisedAddresses addresses, int eventLoops, int maxEventLoops) {
        return new ProxyServer(config, addresses, eventLoops, maxEventLoops);
    }

    public ProxyInstance proxy() {
        return proxy;
    }

    /** The port the admin API listens on. */
    public int adminPort() {
        return admin.port();
    }

    public String tag() {
        return tag;
    }

    /** Waits for the proxy to be closed (by the shutdown route, a signal or {@link #close()}), then stops the admin API. */
    public void awaitClosed() throws InterruptedException {
        proxy.awaitClosed();
        admin.close();
    }

    /** Closes the proxy and the admin listener. Idempotent. */
    @Override
    public void close() {
        proxy.close();
        admin.close();
    }
}
