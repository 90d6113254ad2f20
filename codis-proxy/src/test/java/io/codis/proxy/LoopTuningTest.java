package io.codis.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.codis.common.testkit.RedisServer;
import io.codis.proxy.loops.LoopTuning;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

/**
 * {@code --ncpu=1 --max-ncpu=2} on a real data plane: the clients share one event loop, and so one
 * connection to the backend, until the process is busy; then the tuner lets a second loop take the
 * new clients, and the backend sees that loop's own connection.
 */
class LoopTuningTest {

    @Test
    void newClientsGoToOneLoopUntilTheTunerSeesTheProcessBusyThenToTwo() throws InterruptedException {
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

            proxy.plane.startLoopTuning();
            String change = busyUntilLogged(log);
            assertThat(change).matches("ncpu = 1 -> 2, usage = \\[(\\d+\\.\\d{3}, ){9}\\d+\\.\\d{3}\\]");

            clients.addAll(connect(proxy, 4));
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

    /**
     * Keeps the process's CPU busy until the tuner logs a change, for at most 30 s: six spinning threads,
     * so that a loaded machine still gives the process most of a core.
     */
    private static String busyUntilLogged(ListAppender<ILoggingEvent> log) throws InterruptedException {
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Thread spinner = new Thread(() -> {
                long x = 0;
                while (!Thread.currentThread().isInterrupted()) {
                    x += System.nanoTime() % 7;
                }
                assertThat(x).isNotNegative();
            }, "busy-" + i);
            spinner.setDaemon(true);
            spinner.start();
            spinners.add(spinner);
        }
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (log.list.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            spinners.forEach(Thread::interrupt);
        }
        assertThat(log.list).as("the tuner's log").isNotEmpty();
        return log.list.get(0).getFormattedMessage();
    }
}
