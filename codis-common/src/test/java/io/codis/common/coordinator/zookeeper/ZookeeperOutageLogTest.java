package io.codis.common.coordinator.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.Coordinators;
import io.codis.common.log.LogLevel;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.CapturedLog;
import io.codis.common.testkit.ZookeeperServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ZooKeeper down for a while, as a dashboard or proxy logs it: one WARN when it goes, no line for each
 * of the client's reconnect attempts (those are DEBUG), one INFO when it is back.
 */
class ZookeeperOutageLogTest {
    /** Long enough for several reconnect attempts (about one a second), shorter than the session. */
    private static final Duration OUTAGE = Duration.ofSeconds(4);

    @Test
    void anOutageIsOneWarnThenOneInfoWhenItIsBack() throws Exception {
        List<String> lines = outageLoggedAt(LogLevel.INFO);

        assertThat(lines.stream().filter(line -> line.contains("[WARN]") || line.contains("[ERROR]")))
                .singleElement().asString()
                .matches("\\S+ \\S+ ZookeeperCoordinator: \\[WARN\\] zkclient - zookeeper 127\\.0\\.0\\.1:\\d+ is unreachable"
                        + " \\(SUSPENDED\\); reconnecting, logged at DEBUG until it is back");
        assertThat(lines.stream().filter(line -> line.contains("reachable again")))
                .singleElement().asString()
                .matches("\\S+ \\S+ ZookeeperCoordinator: \\[INFO\\] zkclient - zookeeper 127\\.0\\.0\\.1:\\d+ is reachable again"
                        + " after \\d+\\.\\d s \\(RECONNECTED\\)");
        assertThat(lines).noneMatch(line -> line.contains("ClientCnxn"));
    }

    @Test
    void atDebugEveryReconnectAttemptIsShown() throws Exception {
        List<String> lines = outageLoggedAt(LogLevel.DEBUG);

        assertThat(lines.stream().filter(line -> line.contains("ClientCnxn: [WARN]"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(lines.stream().filter(line -> line.contains("is unreachable"))).hasSize(1);
    }

    /**
     * The log lines of a client whose server goes down for {@link #OUTAGE} and comes back, without
     * the in-process server's own lines.
     */
    private List<String> outageLoggedAt(LogLevel level) throws Exception {
        try (CapturedLog log = CapturedLog.at(level);
                ZookeeperServer server = ZookeeperServer.start();
                Coordinator coordinator = Coordinators.open("zookeeper", server.addr(), "", Duration.ofSeconds(10))) {
            coordinator.create("/outage", new byte[0]);
            server.stop();
            Thread.sleep(OUTAGE.toMillis());
            server.restart();
            Await.until("the client to read again", Duration.ofSeconds(20), () -> {
                try {
                    return coordinator.read("/outage").isPresent();
                } catch (RuntimeException stillDown) {
                    return false;
                }
            });
            Await.until("the client to log that it is back", () -> log.lines().stream().anyMatch(line -> line.contains("reachable again")));
            return log.lines().stream().filter(line -> !line.contains(" ServerCnxnFactory: ")).toList();
        }
    }
}
