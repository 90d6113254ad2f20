package io.codis.proxy.jodis;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.coordinator.CodisPaths;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.Coordinators;
import io.codis.common.model.Proxy;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.ZookeeperServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Jodis node on a real ZooKeeper, looked at through a second client as a Jodis client would. */
class JodisRegistrationTest {
    private static final String TOKEN = "15fba3007f3c6ee0887749681cb82307";
    private static final String PATH = CodisPaths.jodis("codis-demo", TOKEN, false);

    private ZookeeperServer zookeeper;
    private Coordinator observer;

    @BeforeEach
    void start() {
        zookeeper = ZookeeperServer.start();
        observer = Coordinators.open("zookeeper", zookeeper.addr(), "", Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        observer.close();
        zookeeper.close();
    }

    private JodisRegistration registration() {
        Proxy proxy = new Proxy(0, TOKEN, "2017-04-08 15:39:36.594326834 +0800 CST", "10.2.16.200:11080", "tcp4",
                "10.2.16.200:19000", PATH, "codis-demo", 3571, "/opt/codis", "Linux", "host200", "");
        return new JodisRegistration(Coordinators.open("zookeeper", zookeeper.addr(), "", Duration.ofSeconds(5)), proxy,
                Duration.ofMillis(100));
    }

    @Test
    void theNodeAppearsOnStartWithTheJodisJsonAndGoesOnClose() throws InterruptedException {
        JodisRegistration registration = registration();
        assertThat(observer.read(PATH)).isEmpty();
        registration.start();

        String node = awaitNode();
        assertThat(node).isEqualTo("""
                {
                    "addr": "10.2.16.200:19000",
                    "admin": "10.2.16.200:11080",
                    "start": "2017-04-08 15:39:36.594326834 +0800 CST",
                    "state": "online",
                    "token": "15fba3007f3c6ee0887749681cb82307"
                }""");

        registration.close();
        assertThat(observer.read(PATH)).isEmpty();
    }

    @Test
    void aDeletedNodeIsCreatedAgain() throws InterruptedException {
        try (JodisRegistration registration = registration()) {
            registration.start();
            awaitNode();
            observer.delete(PATH);
            assertThat(awaitNode()).contains("\"state\": \"online\"");
        }
    }

    /** The jodis node's text, once there is one. */
    private String awaitNode() {
        byte[] data = Await.until("a jodis node at " + PATH, () -> observer.read(PATH), Optional::isPresent).orElseThrow();
        return new String(data, StandardCharsets.UTF_8);
    }
}
