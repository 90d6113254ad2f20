package io.codis.proxy;

import io.codis.common.config.ProxyConfig;
import io.codis.common.rpc.HostPort;
import io.codis.proxy.backend.Transport;
import io.codis.proxy.loops.ActiveLoops;
import io.codis.proxy.loops.CpuFeed;
import io.codis.proxy.loops.LoopTuning;
import io.codis.proxy.router.Router;
import io.codis.proxy.session.Sessions;
import io.codis.proxy.stats.DataPlaneStats;
import io.codis.proxy.stats.TrafficStats;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis side of the proxy: the client listener on {@code proxy_addr}, the sessions, the backend
 * connections and the routing table. The admin API and the process drive it through this class.
 */
public final class DataPlane implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DataPlane.class);

    private final ProxyConfig config;
    private final Router router;
    private final DataPlaneStats stats = new DataPlaneStats();
    private final Transport transport = Transport.best();
    private final EventLoopGroup acceptor;
    private final ActiveLoops activeLoops;
    private final int maxEventLoops;
    private final EventLoopGroup workers;
    private final Sessions sessions;
    private final ScheduledExecutorService sampler;
    private volatile Channel listener;
    private volatile String listenAddress;
    private LoopTuning loopTuning;
    private boolean closed;

    /** A data plane with one event loop per available processor. */
    public DataPlane(ProxyConfig config) {
        this(config, Runtime.getRuntime().availableProcessors());
    }

    /** A data plane with {@code eventLoops} event loops. */
    public DataPlane(ProxyConfig config, int eventLoops) {
        this(config, eventLoops, eventLoops);
    }

    /**
     * A data plane with {@code maxEventLoops} event loops of which the first {@code eventLoops} take the
     * clients until {@link #startLoopTuning()} (the process passes {@code --ncpu} and {@code --max-ncpu}).
     */
    public DataPlane(ProxyConfig config, int eventLoops, int maxEventLoops) {
        this.config = config;
        this.router = new Router(config);
        this.acceptor = transport.newGroup(1, "proxy-accept");
        this.activeLoops = new ActiveLoops(Math.max(1, eventLoops));
        this.maxEventLoops = Math.max(activeLoops.count(), maxEventLoops);
        this.workers = activeLoops.newGroup(transport, this.maxEventLoops, "proxy-loop");
        this.sessions = new Sessions(config, router, stats, transport, workers, activeLoops::isActive);
        router.onClose(sessions::closeBackends);
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "proxy-stats");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(stats::sampleSecond, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Binds {@code proxy_addr} with {@code proto_type} (tcp, tcp4, tcp6, unix); from then on clients are
     * accepted and told "router is not online" until {@link Router#start()}.
     *
     * @throws java.io.UncheckedIOException when the address cannot be bound
     */
    public synchronized void listen() {
        if (listener != null) {
            return;
        }
        String proto = config.protoType();
        boolean unix = proto.startsWith("unix");
        ServerBootstrap bootstrap = new ServerBootstrap().group(acceptor, workers)
                .childHandler(sessions.childInitializer())
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.SO_BACKLOG, 1024);
        SocketAddress address;
        if (unix) {
            if (transport.domainServerChannel() == null) {
                throw new UncheckedIOException(new java.io.IOException(
                        "proto_type " + proto + " needs the native epoll transport"));
            }
            bootstrap.channel(transport.domainServerChannel());
            Path path = Path.of(config.proxyAddr());
            try {
                Files.deleteIfExists(path);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
            address = new DomainSocketAddress(path.toString());
        } else {
            bootstrap.channelFactory(transport.serverChannelFactory(proto.equals("tcp4")))
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true);
            if (config.sessionRecvBufsize() > 0) {
                bootstrap.childOption(ChannelOption.SO_RCVBUF, (int) Math.min(Integer.MAX_VALUE, config.sessionRecvBufsize()));
            }
            if (config.sessionSendBufsize() > 0) {
                bootstrap.childOption(ChannelOption.SO_SNDBUF, (int) Math.min(Integer.MAX_VALUE, config.sessionSendBufsize()));
            }
            long keepAlive = config.sessionKeepAlivePeriod().toSeconds();
            if (keepAlive > 0) {
                bootstrap.childOption(ChannelOption.SO_KEEPALIVE, true);
                if (transport.isEpoll()) {
                    int period = (int) Math.min(Integer.MAX_VALUE, keepAlive);
                    bootstrap.childOption(EpollChannelOption.TCP_KEEPIDLE, period)
                            .childOption(EpollChannelOption.TCP_KEEPINTVL, period);
                }
            }
            address = inetAddress(proto, config.proxyAddr());
        }
        try {
            Channel channel;
            try {
                channel = bootstrap.bind(address).syncUninterruptibly().channel();
            } catch (Exception e) {
                if (!(address instanceof InetSocketAddress inet && inet.getAddress().isAnyLocalAddress()
                        && inet.getAddress() instanceof java.net.Inet6Address)) {
                    throw e;
                }
                // "tcp" on the wildcard without IPv6 in the kernel: listen on IPv4 only, as Go falls back
                channel = bootstrap.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), inet.getPort()))
                        .syncUninterruptibly().channel();
            }
            listener = channel;
            SocketAddress local = channel.localAddress();
            if (local instanceof InetSocketAddress inet) {
                listenAddress = HostPort.of(inet.getAddress(), inet.getPort()).toString();
            } else if (local instanceof DomainSocketAddress domain) {
                listenAddress = domain.path();
            } else {
                listenAddress = String.valueOf(local);
            }
            LOG.debug("listening on {}", listenAddress);
        } catch (Exception e) {
            if (e instanceof java.io.IOException io) {
                throw new UncheckedIOException("listen " + config.proxyAddr() + " failed", io);
            }
            throw new UncheckedIOException("listen " + config.proxyAddr() + " failed",
                    new java.io.IOException(String.valueOf(e.getMessage()), e));
        }
    }

    private static SocketAddress inetAddress(String proto, String addr) {
        HostPort hostPort = HostPort.parse(addr);
        String host = hostPort.host();
        try {
            InetAddress ip;
            if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
                ip = switch (proto) {
                    case "tcp4" -> InetAddress.getByName("0.0.0.0");
                    default -> InetAddress.getByName("::");
                };
            } else {
                ip = InetAddress.getByName(host);
            }
            return new InetSocketAddress(ip, hostPort.port());
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The listener's address as the OS reports it, which the proxy token is computed from:
     * "0.0.0.0:19000" for tcp4 on 0.0.0.0, "[::]:19000" for tcp on 0.0.0.0, the path for unix.
     */
    public String listenAddress() {
        String address = listenAddress;
        if (address == null) {
            throw new IllegalStateException("not listening");
        }
        return address;
    }

    public Router router() {
        return router;
    }

    /** How many event loops take new clients now (the original's {@code GOMAXPROCS}). */
    public int activeLoops() {
        return activeLoops.count();
    }

    /**
     * From now until closed, the number of event loops that take new clients follows the process's CPU
     * usage between the two numbers this data plane was created with (see LoopTuner); nothing to do
     * when they are equal. Idempotent.
     */
    public void startLoopTuning() {
        startLoopTuning(CpuFeed.PROCESS);
    }

    /** As {@link #startLoopTuning()} with the CPU usage that {@code feed} gives. */
    public synchronized void startLoopTuning(CpuFeed feed) {
        if (closed || loopTuning != null || maxEventLoops == activeLoops.count()) {
            return;
        }
        loopTuning = LoopTuning.start(activeLoops, activeLoops.count(), maxEventLoops, feed);
    }

    public TrafficStats stats() {
        return stats;
    }

    /** Stops accepting, answers what is in flight, closes every session and backend connection. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (loopTuning != null) {
                loopTuning.close();
            }
        }
        Channel channel = listener;
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        router.close();
        sessions.close();
        sampler.shutdownNow();
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        acceptor.terminationFuture().syncUninterruptibly();
    }
}
