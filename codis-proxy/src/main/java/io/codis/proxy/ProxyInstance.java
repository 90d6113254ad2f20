package io.codis.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codis.common.config.ProxyConfig;
import io.codis.common.coordinator.CodisPaths;
import io.codis.common.model.Proxy;
import io.codis.common.model.Slot;
import io.codis.common.model.StartTime;
import io.codis.common.model.ThisProcess;
import io.codis.common.rpc.AdvertisedAddresses;
import io.codis.common.rpc.Tokens;
import io.codis.common.rpc.XAuth;
import io.codis.proxy.admin.ProxyStatsJson;
import io.codis.proxy.admin.StatsFlags;
import io.codis.proxy.sentinel.SentinelFollower;
import io.codis.proxy.usage.JvmRuntimeStats;
import io.codis.proxy.usage.ProcessUsageSampler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running proxy as the admin API and the process see it (the original's {@code proxy.Proxy}): its
 * config, model, token and xauth, whether it is online or closed, its sentinel list and stats, and
 * the {@link DataPlane} that serves the clients.
 */
public final class ProxyInstance implements AutoCloseable {
    public static final String CLOSED = "use of closed proxy";
    private static final Logger LOG = LoggerFactory.getLogger(ProxyInstance.class);

    private final ProxyConfig config;
    private final DataPlane dataPlane;
    private final Proxy model;
    private final String xauth;
    private final String tag;
    private final ProcessUsageSampler usage = new ProcessUsageSampler().start();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final List<Runnable> onStart = new CopyOnWriteArrayList<>();
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();
    private final SentinelFollower sentinels;
    private boolean online;
    private boolean closed;

    /**
     * @param dataPlane          listening already
     * @param adminListenAddress the admin listener's address as Go reports it (see ApiServer#listenAddress)
     * @param addresses          turns listen addresses into advertised ones
     * @param tag                the {@code [%p]} tag of this proxy's log lines (see ObjectTag)
     */
    public ProxyInstance(ProxyConfig config, DataPlane dataPlane, String adminListenAddress, AdvertisedAddresses addresses,
            String tag) {
        this.config = config;
        this.tag = tag;
        this.dataPlane = dataPlane;
        String token = Tokens.proxy(config.productName(), dataPlane.listenAddress(), adminListenAddress);
        String adminAddr = addresses.advertise("tcp", adminListenAddress, config.hostAdmin());
        String proxyAddr = addresses.advertise(config.protoType(), dataPlane.listenAddress(), config.hostProxy());
        String jodisPath = config.jodisAddr().isEmpty() ? ""
                : CodisPaths.jodis(config.productName(), token, config.jodisCompatible());
        this.model = new Proxy(0, token, StartTime.now(), adminAddr, config.protoType(), proxyAddr, jodisPath,
                config.productName(), ThisProcess.pid(), ThisProcess.pwd(), ThisProcess.sys(), ThisProcess.hostname(),
                config.proxyDatacenter());
        this.xauth = XAuth.proxy(config.productName(), config.productAuth(), token);
        this.sentinels = new SentinelFollower(config.productName(), config.productAuth(), dataPlane.router());
    }

    public ProxyConfig config() {
        return config;
    }

    /** The model, without {@code id}. */
    public Proxy model() {
        return model;
    }

    public String token() {
        return model.token();
    }

    public String xauth() {
        return xauth;
    }

    /** The {@code [%p]} tag of this proxy's log lines. */
    public String tag() {
        return tag;
    }

    public synchronized boolean isOnline() {
        return online && !closed;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Goes online: the router accepts sessions from now on; idempotent. */
    public void start() {
        synchronized (this) {
            requireOpen();
            if (online) {
                return;
            }
            dataPlane.router().start();
            online = true;
            notifyAll();
        }
        onStart.forEach(Runnable::run);
    }

    /** Fills the slots in order; those before a failing one stay applied. */
    public void fillSlots(List<Slot> slots) {
        synchronized (this) {
            requireOpen();
        }
        dataPlane.router().fillSlots(slots);
    }

    /** The 1024 slots as the router has them. */
    public List<Slot> slots() {
        return dataPlane.router().slots();
    }

    /** Replaces the sentinel list and follows those sentinels' switches ({@link SentinelFollower}). */
    public void setSentinels(List<String> servers) {
        synchronized (this) {
            requireOpen();
            sentinels.follow(servers);
        }
        LOG.warn("{} set sentinels = {}", tag, goList(servers));
    }

    /** Restarts the sentinel subscription with the current list. */
    public void rewatchSentinels() {
        synchronized (this) {
            requireOpen();
            sentinels.rewatch();
        }
        LOG.warn("{} rewatch sentinels = {}", tag, goList(sentinels.servers()));
    }

    public List<String> sentinels() {
        return sentinels.servers();
    }

    /** The stats JSON with the parts {@code flags} asks for. */
    public ObjectNode stats(StatsFlags flags) {
        boolean isOnline;
        boolean isClosed;
        synchronized (this) {
            isOnline = online && !closed;
            isClosed = closed;
        }
        var traffic = dataPlane.stats();
        return ProxyStatsJson.build(isOnline, isClosed, sentinels.status(), traffic.ops(), traffic.sessions(), usage.latest(),
                config.backendPrimaryOnly(), () -> JvmRuntimeStats.snapshot(dataPlane.activeLoops()), flags);
    }

    /** Clears the counters, as {@code PUT /api/proxy/stats/reset}. */
    public void resetStats() {
        dataPlane.stats().reset();
    }

    /** Runs when the proxy goes online (e.g. the Jodis registration). */
    public void onStart(Runnable action) {
        onStart.add(action);
    }

    /** Runs once when the proxy closes, before {@link #awaitClosed} returns. */
    public void onClose(Runnable action) {
        onClose.add(action);
    }

    /** Closes the proxy: the listeners, every session and backend connection; idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        try {
            sentinels.close();
            onClose.forEach(ProxyInstance::runQuietly);
            dataPlane.close();
        } finally {
            usage.close();
            closedLatch.countDown();
        }
    }

    /** Waits at most {@code millis} for the proxy to go online or be closed; true when it is either. */
    public synchronized boolean awaitOnlineOrClosed(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!online && !closed) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** Waits until {@link #close()} finished. */
    public void awaitClosed() throws InterruptedException {
        closedLatch.await();
    }

    /** Waits at most {@code millis} for {@link #close()}; true when closed. */
    public boolean awaitClosed(long millis) throws InterruptedException {
        return closedLatch.await(millis, TimeUnit.MILLISECONDS);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(CLOSED);
        }
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("close proxy: {}", e.toString());
        }
    }

    /** A list as Go's {@code %v} prints it: {@code [a b c]}. */
    private static String goList(List<String> items) {
        return "[" + String.join(" ", items) + "]";
    }
}
