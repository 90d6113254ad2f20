package io.codis.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codis.common.config.ProxyConfig;
import io.codis.common.testkit.FreePorts;
import io.codis.common.testkit.RedisServer;
import io.netty.channel.epoll.Epoll;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** proto_type and the reported listen address. */
class ListenTest {

    @Test
    void tcp4AndTcpReportTheirAddressLikeGo() {
        int port = FreePorts.next();
        try (DataPlane plane = new DataPlane(ProxyConfig.parse("proto_type = \"tcp4\"\nproxy_addr = \"0.0.0.0:" + port + "\""), 1)) {
            plane.listen();
            assertThat(plane.listenAddress()).isEqualTo("0.0.0.0:" + port);
        }
        int port2 = FreePorts.next();
        try (DataPlane plane = new DataPlane(ProxyConfig.parse("proto_type = \"tcp\"\nproxy_addr = \"0.0.0.0:" + port2 + "\""), 1)) {
            plane.listen();
            assertThat(plane.listenAddress()).isEqualTo("[::]:" + port2);
        }
    }

    @Test
    void aBusyAddressFailsToBind() {
        int port = FreePorts.next();
        try (DataPlane first = new DataPlane(ProxyConfig.parse("proxy_addr = \"127.0.0.1:" + port + "\""), 1);
                DataPlane second = new DataPlane(ProxyConfig.parse("proxy_addr = \"127.0.0.1:" + port + "\""), 1)) {
            first.listen();
            assertThatThrownBy(second::listen).isInstanceOf(UncheckedIOException.class);
        }
    }

    @Test
    void unixSocket() throws Exception {
        assertThat(Epoll.isAvailable()).as("native epoll on this Linux build machine").isTrue();
        Path dir = Files.createTempDirectory("codis-proxy-unix");
        Path socket = dir.resolve("proxy.sock");
        try (RedisServer redis = RedisServer.start();
                DataPlane plane = new DataPlane(ProxyConfig.parse("proto_type = \"unix\"\nproxy_addr = \"" + socket + "\""), 1)) {
            plane.listen();
            assertThat(plane.listenAddress()).isEqualTo(socket.toString());
            plane.router().fillSlots(List.of());
            plane.router().start();
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(socket));
                ch.write(ByteBuffer.wrap("PING\r\n".getBytes(StandardCharsets.UTF_8)));
                ByteBuffer buf = ByteBuffer.allocate(128);
                while (buf.position() < "-ERR handle request, slot is not ready, may be offline\r\n".length()) {
                    if (ch.read(buf) < 0) {
                        break;
                    }
                }
                assertThat(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8))
                        .isEqualTo("-ERR handle request, slot is not ready, may be offline\r\n");
            }
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }
}
