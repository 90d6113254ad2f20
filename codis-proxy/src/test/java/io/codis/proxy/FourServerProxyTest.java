package io.codis.proxy;

import io.codis.common.testkit.RedisServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A started proxy whose slots are spread over four real Redis servers, shared by a test class. */
abstract class FourServerProxyTest {

    static final List<RedisServer> SERVERS = new ArrayList<>();
    static ProxyFixture proxy;

    @BeforeAll
    static void start() {
        for (int i = 0; i < 4; i++) {
            SERVERS.add(RedisServer.start());
        }
        proxy = ProxyFixture.start("").fillSpread(SERVERS.stream().map(RedisServer::addr).toList()).online();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        SERVERS.forEach(RedisServer::close);
        SERVERS.clear();
    }
}
