package io.codis.proxy.backend;

import io.codis.common.rpc.HostPort;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollChannelOption;

/** Opens the channels of an event loop's backend connections. */
interface Dialer {

    /** Starts connecting to {@code addr} ({@code host:port}) with {@code handlers} in the new channel's pipeline. */
    ChannelFuture dial(String addr, ChannelHandler handlers);

    /** TCP from {@code loop}, with the socket options of proxy.toml (buffer sizes, keepalive). */
    static Dialer tcp(EventLoop loop, Transport transport, BackendSettings settings) {
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT);
        if (settings.recvBufsize() > 0) {
            bootstrap.option(ChannelOption.SO_RCVBUF, settings.recvBufsize());
        }
        if (settings.sendBufsize() > 0) {
            bootstrap.option(ChannelOption.SO_SNDBUF, settings.sendBufsize());
        }
        if (settings.keepAliveSeconds() > 0) {
            bootstrap.option(ChannelOption.SO_KEEPALIVE, true);
            if (transport.isEpoll()) {
                int period = (int) Math.min(Integer.MAX_VALUE, settings.keepAliveSeconds());
                bootstrap.option(EpollChannelOption.TCP_KEEPIDLE, period).option(EpollChannelOption.TCP_KEEPINTVL, period);
            }
        }
        return (addr, handlers) -> {
            Bootstrap dial = bootstrap.clone().handler(handlers);
            HostPort target;
            try {
                target = HostPort.parse(addr);
            } catch (IllegalArgumentException e) {
                return failedDial(dial, e);
            }
            return dial.connect(target.host(), target.port());
        };
    }

    /** A dial of an address that does not parse: a channel that fails, as a refused connection does, with the reason. */
    private static ChannelFuture failedDial(Bootstrap dial, IllegalArgumentException reason) {
        ChannelFuture registered = dial.register();
        ChannelPromise failed = registered.channel().newPromise();
        registered.addListener(f -> failed.setFailure(reason));
        return failed;
    }
}
