package io.codis.fe;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.coordinator.CodisPaths;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.Coordinators;
import io.codis.common.testkit.TempDirs;
import io.codis.common.testkit.ZookeeperServer;
import io.codis.fe.assets.Assets;
import io.codis.fe.discovery.CoordinatorDashboards;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --zookeeper} / {@code --filesystem}: the products under {@code /codis3} whose dashboard
 * holds the lock, with the lock's admin_addr; the map rebuilt by /list at most every 5 seconds.
 */
class CoordinatorDiscoveryTest {
    private static ZookeeperServer zookeeper;
    private static Path filesystem;

    @BeforeAll
    static void startCoordinators() {
        zookeeper = ZookeeperServer.start();
        filesystem = TempDirs.create("fe-coordinator-");
    }

    @AfterAll
    static void stopCoordinators() {
        zookeeper.close();
        TempDirs.delete(filesystem);
    }

    private static String addr(String coordinator) {
        return coordinator.equals("zookeeper") ? zookeeper.addr() : filesystem.toString();
    }

    private static Coordinator open(String coordinator) {
        return Coordinators.open(coordinator, addr(coordinator), "", Duration.ofSeconds(5));
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"filesystem", "zookeeper"})
    void productsWithARunningDashboardAreListedAndForwarded(String coordinator) throws Exception {
        String product = "codis-fe-" + coordinator;
        try (Coordinator client = open(coordinator)) {
            client.update(CodisPaths.slot("codis-nolock-" + coordinator, 0), "{}".getBytes(StandardCharsets.UTF_8));
            client.update(CodisPaths.topom("codis-badjson-" + coordinator), "{not json".getBytes(StandardCharsets.UTF_8));
            try (FeUnderTest fe = FeUnderTest.start(new CoordinatorDashboards(client), Duration.ZERO, Assets.builtIn(), null)) {
                assertThat(fe.get("/list").body()).isEqualTo("null");

                try (RealDashboard dashboard = RealDashboard.start(coordinator, addr(coordinator), product)) {
                    assertThat(fe.get("/list").body()).isEqualTo("[\n    \"" + product + "\"\n]");
                    String viaFe = fe.get("/api/topom/model?forward=" + product).body();
                    assertThat(viaFe).isEqualTo(
                            FeUnderTest.call("GET", "http://" + dashboard.adminAddr() + "/api/topom/model", "").body());
                }
                assertThat(fe.get("/list").body()).as("the lock is gone with the dashboard").isEqualTo("null");
                assertThat(fe.get("/topom?forward=" + product).statusCode()).isEqualTo(403);
            } finally {
                client.delete(CodisPaths.slot("codis-nolock-" + coordinator, 0));
                client.delete(CodisPaths.topom("codis-badjson-" + coordinator));
            }
        }
    }

    @Test
    void theMapIsRebuiltAtMostEveryFiveSeconds() throws Exception {
        try (Coordinator client = open("zookeeper");
                FeUnderTest fe = FeUnderTest.start(new CoordinatorDashboards(client));
                RealDashboard first = RealDashboard.start("zookeeper", zookeeper.addr(), "codis-first")) {
            assertThat(fe.get("/list").body()).isEqualTo("[\n    \"codis-first\"\n]");
            client.update(CodisPaths.topom("codis-second"),
                    ("{\"admin_addr\": \"" + first.adminAddr() + "\"}").getBytes(StandardCharsets.UTF_8));
            try {
                assertThat(fe.get("/list").body()).as("within 5 s of the last reload").isEqualTo("[\n    \"codis-first\"\n]");
                assertThat(fe.get("/topom?forward=codis-second").statusCode()).isEqualTo(403);
            } finally {
                client.delete(CodisPaths.topom("codis-second"));
            }
        }
    }
}
