package io.codis.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.codis.common.testkit.RedisServer;
import io.codis.proxy.loops.LoopTuning;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleConsumer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

/**
 * {@code --ncpu=1 --max-ncpu=2} on a real data plane: the clients share one event loop, and so one
 * connection to the backend, until the tuner sees a busy second; then a second loop takes new
 * clients, and the backend sees that loop's own connection. The test hands the tuner its per-second
 * CPU samples, because a build machine shared with other builds cannot be made busy on demand (the
 * sampling of the process's CPU is ProcessUsageSamplerTest's).
 */
class LoopTuningTest {

    @Test
    void newClientsGoToOneLoopUntilTheTunerSeesABusySecondThenToTwo() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(LoopTuning.class);
        log.start();
        logger.addAppender(log);
        List<Jedis> clients = new ArrayList<>();
        try (RedisServer redis = RedisServer.start();
                Jedis backend = new Jedis("127.0.0.1", redis.port());
                ProxyFixture proxy = ProxyFixture.start("", 1, 2).fillSpread(List.of(redis.addr())).online()) {
            clients.addAll(connect(proxy, 4));
            assertThat(connectionsFromTheProxy(backend)).isEqualTo(1);

            AtomicReference<DoubleConsumer> tuner = new AtomicReference<>();
            proxy.plane.startLoopTuning(perSecond -> {
                tuner.set(perSecond);
                return () -> { };
            });
            tuner.get().accept(0.5);
            clients.addAll(connect(proxy, 2));
            assertThat(connectionsFromTheProxy(backend)).isEqualTo(1);
            assertThat(log.list).isEmpty();

            tuner.get().accept(0.9);
            assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                    .containsExactly("ncpu = 1 -> 2, usage = [0.500, 0.900" + ", 0.000".repeat(8) + "]");
            clients.addAll(connect(proxy, 2));
            assertThat(connectionsFromTheProxy(backend)).isEqualTo(2);
            for (Jedis client : clients) {
                assertThat(client.get("k")).isEqualTo("v");
            }
        } finally {
            logger.detachAppender(log);
            clients.forEach(Jedis::close);
        }
    }

    /** {@code n} new clients, each having sent a command through the proxy. */
    private static List<Jedis> connect(ProxyFixture proxy, int n) {
        List<Jedis> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Jedis client = proxy.jedis();
            clients.add(client);
            assertThat(client.set("k", "v")).isEqualTo("OK");
        }
        return clients;
    }

    /** The clients of the backend other than the test's own connection: the proxy's backend connections. */
    private static long connectionsFromTheProxy(Jedis backend) {
        String self = "id=" + backend.clientId() + " ";
        return backend.clientList().lines().filter(line -> !line.startsWith(self)).count();
    }
}
