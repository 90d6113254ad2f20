package io.codis.proxy.session;

import io.codis.common.config.ProxyConfig;
import io.codis.common.resp.RespRequestDecoder;
import io.codis.proxy.backend.BackendPool;
import io.codis.proxy.backend.BackendSettings;
import io.codis.proxy.backend.OwnedLimit;
import io.codis.proxy.backend.Transport;
import io.codis.proxy.forward.MigrateCommand;
import io.codis.proxy.pacing.WriteBatch;
import io.codis.proxy.router.Router;
import io.codis.proxy.stats.DataPlaneStats;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The client sessions of a data plane and the per-event-loop state they use (backend connections,
 * flush batches). Creates the pipeline of every accepted connection.
 */
public final class Sessions {

    final ProxyConfig config;
    final Router router;
    final DataPlaneStats stats;
    final AtomicLong ids = new AtomicLong();
    // proxy.toml values the hot path reads (ProxyConfig looks each up in a map)
    final int maxPipeline;
    final boolean breakOnFailure;
    final long sendTimeoutNanos;
    final long recvTimeoutNanos;
    final int maxClients;
    final String sessionAuth;
    final int numberDatabases;
    /** How sessions write the MIGRATE of move-on-access (product_auth, DBs). */
    final MigrateCommand migrate;
    /** proxy_max_owned_conns over every loop: blocking commands and transactions are served when enabled. */
    final OwnedLimit ownedLimit;
    /** proxy_allow_keys: KEYS is answered over every group instead of refused. */
    final boolean allowKeys;
    /** proxy_allow_flush: FLUSHDB and FLUSHALL go to every group's master instead of refused. */
    final boolean allowFlush;
    /** session_pubsub_output_limit: a subscribed session with more unsent bytes is closed (0: never). */
    final long pubSubOutputLimit;
    /** The scripts SCRIPT LOADed through this proxy, loaded again where a master lacks them. */
    final ScriptReplay scripts = new ScriptReplay();
    private final Map<EventLoop, LoopContext> loops = new IdentityHashMap<>();
    private final List<ScheduledFuture<?>> ticks = new ArrayList<>();
    private final Predicate<EventLoop> accepting;

    /** @param accepting whether a loop of {@code group} takes new clients now (the others are dialled only when used) */
    public Sessions(ProxyConfig config, Router router, DataPlaneStats stats, Transport transport, EventLoopGroup group,
            Predicate<EventLoop> accepting) {
        this.config = config;
        this.accepting = accepting;
        this.router = router;
        this.stats = stats;
        this.recvTimeoutNanos = config.sessionRecvTimeout().toNanos();
        this.maxPipeline = config.sessionMaxPipeline();
        this.breakOnFailure = config.sessionBreakOnFailure();
        this.sendTimeoutNanos = config.sessionSendTimeout().toNanos();
        this.maxClients = config.proxyMaxClients();
        this.sessionAuth = config.sessionAuth();
        this.numberDatabases = Math.max(1, config.backendNumberDatabases());
        this.migrate = new MigrateCommand(config.productAuth(), numberDatabases);
        BackendSettings settings = BackendSettings.of(config);
        this.ownedLimit = new OwnedLimit(config.proxyMaxOwnedConns());
        this.allowKeys = config.proxyAllowKeys();
        this.allowFlush = config.proxyAllowFlush();
        this.pubSubOutputLimit = config.sessionPubsubOutputLimit();
        for (EventExecutor executor : group) {
            EventLoop loop = (EventLoop) executor;
            WriteBatch batch = new WriteBatch(loop);
            loop.execute(batch::attach);
            LoopContext context = new LoopContext(loop, batch, new BackendPool(settings, batch, transport, ownedLimit));
            loops.put(loop, context);
            ticks.add(loop.scheduleAtFixedRate(context::tick, 100, 100, TimeUnit.MILLISECONDS));
        }
        router.onAddressesDropped(this::dropAddresses);
        router.onAddressesAdded(this::warmUp);
        router.onAddressesAdded(this::loadScripts);
        router.onFilled(this::followPubSub);
    }

    LoopContext context(EventLoop loop) {
        return loops.get(loop);
    }

    /** The initializer of an accepted client connection. */
    public ChannelHandler childInitializer() {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new RespRequestDecoder(), new Session(Sessions.this, context(ch.eventLoop())));
            }
        };
    }

    private void dropAddresses(Set<String> addrs) {
        for (LoopContext context : loops.values()) {
            try {
                context.loop.execute(() -> context.pool.drop(addrs));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down
            }
        }
    }

    /** Dials DB 0's primary connections of every accepting loop to newly used addresses, ahead of the first request. */
    private void warmUp(Set<String> addrs) {
        for (LoopContext context : loops.values()) {
            if (!accepting.test(context.loop)) {
                continue;
            }
            try {
                context.loop.execute(() -> context.pool.warmUp(addrs));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down
            }
        }
    }

    /** How long a fill waits at most for the subscriptions it moved to be confirmed by their new masters. */
    private static final long FOLLOW_WAIT_MILLIS = 3000;

    /**
     * After a fill: every subscribed session moves its subscriptions to where their channels are now
     * ({@link PubSub#follow}); the fill returns once the new masters confirmed them (at most
     * {@link #FOLLOW_WAIT_MILLIS}), so a message published through any proxy that has the new table
     * reaches every subscriber. Never waits on a loop thread.
     */
    private void followPubSub() {
        if (router.isClosed()) {
            return; // every slot offline: subscriptions stay until the sessions close
        }
        List<CompletableFuture<Void>> follows = new CopyOnWriteArrayList<>();
        CountDownLatch loopsDone = new CountDownLatch(loops.size());
        boolean onLoop = false;
        for (LoopContext context : loops.values()) {
            onLoop |= context.loop.inEventLoop();
            Runnable follow = () -> {
                try {
                    for (Session session : context.sessions.toArray(new Session[0])) {
                        if (session.isSubscribed()) {
                            CompletableFuture<Void> confirmed = new CompletableFuture<>();
                            follows.add(confirmed);
                            session.pubSub().follow(() -> confirmed.complete(null));
                        }
                    }
                } finally {
                    loopsDone.countDown();
                }
            };
            try {
                context.loop.execute(follow);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                loopsDone.countDown();
            }
        }
        if (onLoop) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FOLLOW_WAIT_MILLIS);
        try {
            if (loopsDone.await(FOLLOW_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                CompletableFuture.allOf(follows.toArray(CompletableFuture[]::new))
                        .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // a master slow to confirm: the fill goes on; its subscribers get what it relays from then
        }
    }

    /** Loads the remembered scripts on newly used addresses, from one loop, before a client's EVALSHA needs them there. */
    private void loadScripts(Set<String> addrs) {
        for (LoopContext context : loops.values()) {
            if (accepting.test(context.loop)) {
                try {
                    context.loop.execute(() -> scripts.loadOn(context.pool, addrs));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // shutting down
                }
                return;
            }
        }
    }

    /**
     * Calls {@code done} on {@code asking}'s loop with the {@code CLIENT LIST} lines of every open session
     * whose id is {@code wanted}, by id; each loop describes its own sessions.
     */
    void describeSessions(Session asking, Predicate<Long> wanted, Consumer<List<String>> done) {
        long now = System.nanoTime();
        ConcurrentSkipListMap<Long, String> lines = new ConcurrentSkipListMap<>();
        AtomicInteger loopsLeft = new AtomicInteger(loops.size());
        EventLoop home = asking.loop();
        for (LoopContext context : loops.values()) {
            Runnable describe = () -> {
                try {
                    for (Session session : context.sessions) {
                        if (session.isListed() && wanted.test(session.id())) {
                            lines.put(session.id(), session.describeClient(now, session == asking ? "client|list" : null));
                        }
                    }
                } finally {
                    if (loopsLeft.decrementAndGet() == 0) {
                        home.execute(() -> done.accept(List.copyOf(lines.values())));
                    }
                }
            };
            try {
                context.loop.execute(describe);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                if (loopsLeft.decrementAndGet() == 0) {
                    home.execute(() -> done.accept(List.copyOf(lines.values())));
                }
            }
        }
    }

    /** Closes every session and backend connection (waits up to a few seconds for the loops). */
    public void close() {
        for (ScheduledFuture<?> tick : ticks) {
            tick.cancel(false);
        }
        CountDownLatch done = new CountDownLatch(loops.size());
        for (LoopContext context : loops.values()) {
            try {
                context.loop.execute(() -> {
                    try {
                        for (Session session : context.sessions.toArray(new Session[0])) {
                            session.closeGracefully();
                        }
                        context.pool.closeAll();
                        context.batch.flush();
                    } finally {
                        done.countDown();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                done.countDown();
            }
        }
        try {
            done.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes only the backend connections (the router closed). */
    public void closeBackends() {
        for (LoopContext context : loops.values()) {
            try {
                context.loop.execute(context.pool::closeAll);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // loops already shut down
            }
        }
    }
}
