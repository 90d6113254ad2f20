package io.codis.dashboard.core;

import io.codis.common.cli.FatalError;
import io.codis.common.config.DashboardConfig;
import io.codis.common.http.ApiError;
import io.codis.common.http.ObjectTag;
import io.codis.common.model.Topom;
import io.codis.common.rpc.XAuth;
import io.codis.dashboard.store.Store;
import io.codis.dashboard.store.StoreCache;
import io.codis.dashboard.store.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's core (the original's {@code Topom}): the product lock in the coordinator, online and
 * closed, the cached store, and one fair lock that serialises the operations. An operation runs in
 * {@link #locked}, which refuses while the dashboard is not online or closed and gives it a consistent
 * view of the store; it writes through {@link #store()} while it holds the lock. The concept classes
 * (proxies, groups, slots, stats, sentinels) act only through this; the {@link Background} tasks run
 * between {@link #goOnline} and {@link #close}.
 */
public final class DashboardCore {
    public static final String NOT_ONLINE = "topom is not online";
    public static final String CLOSED = "use of closed topom";
    private static final Logger LOG = LoggerFactory.getLogger(DashboardCore.class);

    private final DashboardConfig config;
    private final Store store;
    private final StoreCache cache;
    private final Topom model;
    private final String xauth;
    private final String tag = ObjectTag.of(this);
    private final ReentrantLock mu = new ReentrantLock(true); // fair: API calls are not starved by the loops
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dashboard-worker");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final List<Background> background = new ArrayList<>();
    private volatile boolean online;
    private volatile boolean closed;

    public DashboardCore(DashboardConfig config, Store store, Topom model) {
        this.config = config;
        this.store = store;
        this.cache = new StoreCache(store);
        this.model = model;
        this.xauth = XAuth.dashboard(config.productName());
    }

    public Topom model() {
        return model;
    }

    public String xauth() {
        return xauth;
    }

    public String tag() {
        return tag;
    }

    public DashboardConfig config() {
        return config;
    }

    public boolean isOnline() {
        return online && !closed;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Adds a task started by {@link #goOnline} and stopped by {@link #close}; call before going online. */
    public void runWhileOnline(Background task) {
        background.add(task);
    }

    /**
     * Creates the lock node, retrying every {@code pause} up to {@code attempts} times, then starts
     * the background tasks.
     *
     * @throws FatalError {@code dashboard online failed, give up & abort :'(} when every attempt failed
     */
    public void goOnline(int attempts, Duration pause) throws InterruptedException {
        for (int i = 0; ; i++) {
            if (closed) {
                return;
            }
            try {
                mu.lock();
                try {
                    if (closed) {
                        return;
                    }
                    store.acquire(model);
                    online = true;
                } finally {
                    mu.unlock();
                }
                break;
            } catch (RuntimeException e) {
                if (i + 1 >= attempts) {
                    throw new FatalError("dashboard online failed, give up & abort :'(", e);
                }
                LOG.warn("{} dashboard online failed [{}]: {}", tag, i, e.getMessage());
                Thread.sleep(pause.toMillis());
            }
        }
        background.forEach(Background::start);
        LOG.warn("{} dashboard is working ...", tag);
    }

    /** Stops the background tasks and the workers, deletes the lock node; idempotent. */
    public void close() {
        mu.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (online) {
                background.forEach(Background::stop);
            }
            workers.shutdownNow();
            if (online) {
                online = false;
                store.release();
            }
        } finally {
            mu.unlock();
            closedLatch.countDown();
        }
    }

    public void awaitClosed() throws InterruptedException {
        closedLatch.await();
    }

    /** Waits at most {@code millis} for the dashboard to close; true when it has. */
    public boolean awaitClosed(long millis) throws InterruptedException {
        return closedLatch.await(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code body} under the lock on the current view.
     *
     * @throws ApiError {@value #CLOSED} or {@value #NOT_ONLINE}
     */
    public <T> T locked(Function<Topology, T> body) {
        mu.lock();
        try {
            if (closed) {
                throw new ApiError(CLOSED);
            }
            if (!online) {
                throw new ApiError(NOT_ONLINE);
            }
            return body.apply(cache.refill(config.migrationForwardMethod()));
        } finally {
            mu.unlock();
        }
    }

    /** {@link #locked} for a body without a result. */
    public void lockedRun(Consumer<Topology> body) {
        locked(ctx -> {
            body.accept(ctx);
            return null;
        });
    }

    /** The view after the writes made so far by the running operation; use it only inside {@link #locked}. */
    public Topology view() {
        if (!mu.isHeldByCurrentThread()) {
            throw new IllegalStateException("view() outside locked()");
        }
        return cache.refill(config.migrationForwardMethod());
    }

    /** The write-through cache of the store; use it only inside {@link #locked}. */
    public StoreCache store() {
        return cache;
    }

    /** Drops the cache, so that the next view is read from the coordinator again. */
    public void reload() {
        lockedRun(ctx -> cache.clear());
    }

    /** The threads for concurrent calls (proxies, Redis servers, slot executors); stopped on close. */
    public ExecutorService workers() {
        return workers;
    }
}
