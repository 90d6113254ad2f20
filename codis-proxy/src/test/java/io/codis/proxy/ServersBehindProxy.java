package io.codis.proxy;

import io.codis.common.testkit.RedisServer;
import java.util.ArrayList;
import java.util.List;

/**
 * Four Redis servers behind one proxy (slot i on server i % 4) and a plain Redis beside them, to
 * compare the proxy's replies with; closed together.
 */
final class ServersBehindProxy implements AutoCloseable {

    final List<RedisServer> servers = new ArrayList<>();
    final RedisServer plain;
    final ProxyFixture proxy;

    /** The proxy with {@code toml} and {@code loops} event loops. */
    ServersBehindProxy(String toml, int loops) {
        try {
            for (int i = 0; i < 4; i++) {
                servers.add(RedisServer.start());
            }
            plain = RedisServer.start();
            proxy = ProxyFixture.start(toml, loops).fillSpread(addrs()).online();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    List<String> addrs() {
        return servers.stream().map(RedisServer::addr).toList();
    }

    @Override
    public void close() {
        if (proxy != null) {
            proxy.close();
        }
        servers.forEach(RedisServer::close);
        if (plain != null) {
            plain.close();
        }
    }
}
