package io.codis.proxy.backend;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** Native epoll when the platform has it, NIO otherwise; sessions and backends share the same loops. */
public final class Transport {

    private final boolean epoll;

    private Transport(boolean epoll) {
        this.epoll = epoll;
    }

    public static Transport best() {
        return new Transport(Epoll.isAvailable() && !Boolean.getBoolean("codis.proxy.nio"));
    }

    public boolean isEpoll() {
        return epoll;
    }

    public EventLoopGroup newGroup(int threads, String name) {
        DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
        return epoll ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    public Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** A TCP server channel factory; {@code ipv4Only} for proto_type tcp4 (so 0.0.0.0 is not dual-stack). */
    public io.netty.channel.ChannelFactory<ServerChannel> serverChannelFactory(boolean ipv4Only) {
        if (!ipv4Only) {
            return epoll ? EpollServerSocketChannel::new : NioServerSocketChannel::new;
        }
        return epoll ? () -> new EpollServerSocketChannel(io.netty.channel.socket.InternetProtocolFamily.IPv4)
                : () -> {
                    try {
                        return new NioServerSocketChannel(java.nio.channels.spi.SelectorProvider.provider()
                                .openServerSocketChannel(java.net.StandardProtocolFamily.INET));
                    } catch (java.io.IOException e) {
                        throw new io.netty.channel.ChannelException(e);
                    }
                };
    }

    /** The unix-socket server channel, or null without epoll. */
    public Class<? extends ServerChannel> domainServerChannel() {
        return epoll ? EpollServerDomainSocketChannel.class : null;
    }

    public Class<? extends SocketChannel> socketChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
