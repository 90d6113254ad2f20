package io.codis.common.coordinator.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.CoordinatorContractTest;
import io.codis.common.coordinator.CoordinatorException;
import io.codis.common.coordinator.CoordinatorWatch;
import io.codis.common.coordinator.Coordinators;
import io.codis.common.coordinator.EphemeralNode;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.FreePorts;
import io.codis.common.testkit.ZookeeperServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract on a real (in-process) ZooKeeper, plus sessions, ACLs and digest auth. */
class ZookeeperCoordinatorTest extends CoordinatorContractTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static ZookeeperServer server;

    @BeforeAll
    static void startServer() {
        server = ZookeeperServer.start();
        // the first client of a JVM loads Curator and ZooKeeper: on a busy machine that alone can exceed a test timeout
        try (Coordinator warmUp = Coordinators.open("zk", server.addr(), "", Duration.ofSeconds(30))) {
            warmUp.read("/warm-up");
        }
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected Coordinator connect() {
        return connect("");
    }

    private static Coordinator connect(String auth) {
        return Coordinators.open("zookeeper", server.addr(), auth, TIMEOUT);
    }

    @Override
    protected void takeServerDown() {
        server.stop();
    }

    @Override
    protected void bringServerBack() {
        server.restart();
    }

    @Test
    void ephemeralNodeIsLostWhenTheSessionExpiresAndThenVanishes() throws Exception {
        String node = base + "/jodis/proxy-expiring";
        ZookeeperCoordinator owner = (ZookeeperCoordinator) connect();
        try {
            EphemeralNode ephemeral = owner.createEphemeral(node, bytes("x"));

            owner.curator().getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();

            ephemeral.lost().get(EVENTUALLY.toSeconds(), TimeUnit.SECONDS);
            Await.untilPasses("the expired session's node gone", EVENTUALLY, () -> assertThat(client.read(node)).isEmpty());
            owner.createEphemeral(node, bytes("recreated")).close();
        } finally {
            owner.close();
        }
    }

    @Test
    void watchContinuesAfterANewSession() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        ZookeeperCoordinator watcher = (ZookeeperCoordinator) connect();
        try (CoordinatorWatch watch = watcher.watch(base, events::add)) {
            watcher.curator().getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();
            awaitEvent(events, base);

            client.update(base + "/after-expiry", bytes("x"));
            awaitEvent(events, base + "/after-expiry");
        } finally {
            watcher.close();
        }
    }

    @Test
    void nodesCarryCodisAclsForTheDigestUser() throws Exception {
        // the anonymous client goes first: below the digest user's directories it could not create anything
        try (ZookeeperCoordinator open = (ZookeeperCoordinator) connect()) {
            open.create(base + "/open/leaf", bytes("x"));
            assertThat(open.curator().getACL().forPath(base + "/open/leaf")).singleElement().satisfies(acl -> {
                assertThat(acl.getId()).isEqualTo(ZooDefs.Ids.ANYONE_ID_UNSAFE);
                assertThat(acl.getPerms()).isEqualTo(ZooDefs.Perms.READ | ZooDefs.Perms.WRITE | ZooDefs.Perms.ADMIN);
            });
        }
        try (ZookeeperCoordinator owner = (ZookeeperCoordinator) connect("codis:s3cret")) {
            owner.create(base + "/dir/leaf", bytes("x"));

            List<ACL> leaf = owner.curator().getACL().forPath(base + "/dir/leaf");
            List<ACL> dir = owner.curator().getACL().forPath(base + "/dir");
            assertThat(leaf).singleElement().satisfies(acl -> {
                assertThat(acl.getPerms()).isEqualTo(ZooDefs.Perms.READ | ZooDefs.Perms.WRITE | ZooDefs.Perms.ADMIN);
                assertThat(acl.getId().getScheme()).isEqualTo("digest");
                assertThat(acl.getId().getId()).startsWith("codis:");
            });
            assertThat(dir).singleElement().satisfies(acl -> assertThat(acl.getPerms()).isEqualTo(ZooDefs.Perms.ALL));
        }
    }

    @Test
    void digestAuthIsAcceptedAndOtherCredentialsAreRejected() {
        String node = base + "/secure/topom";
        try (Coordinator owner = connect("codis:s3cret");
             Coordinator sameUser = connect("codis:s3cret");
             Coordinator wrongPassword = connect("codis:wrong");
             Coordinator anonymous = connect()) {
            owner.create(node, bytes("secret"));

            assertThat(text(sameUser.readExisting(node))).isEqualTo("secret");
            sameUser.update(node, bytes("changed"));
            for (Coordinator stranger : List.of(wrongPassword, anonymous)) {
                assertThatThrownBy(() -> stranger.read(node)).isInstanceOf(CoordinatorException.class)
                        .hasMessageContaining("not authorized");
                assertThatThrownBy(() -> stranger.update(node, bytes("hijacked"))).hasMessageContaining("not authorized");
                assertThatThrownBy(() -> stranger.delete(node)).hasMessageContaining("not authorized");
            }
            assertThat(text(owner.readExisting(node))).isEqualTo("changed");
        }
    }

    @Test
    void deleteIsNotRecursive() {
        client.create(base + "/parent/child", bytes("x"));

        assertThatThrownBy(() -> client.delete(base + "/parent")).isInstanceOf(CoordinatorException.class)
                .hasMessageContaining("has children");
        assertThat(client.list(base + "/parent")).containsExactly(base + "/parent/child");
    }

    @Test
    void parentsAreCreatedWithEmptyData() {
        client.create(base + "/a/b", bytes("x"));

        assertThat(client.readExisting(base + "/a")).isEmpty();
    }

    @Test
    void anyServerOfTheListWillDo() {
        String addr = "127.0.0.1:" + FreePorts.next() + "," + server.addr();
        try (Coordinator twoServers = Coordinators.open("zk", addr, "", TIMEOUT)) {
            twoServers.update(base + "/via-list", bytes("ok"));
            assertThat(text(client.readExisting(base + "/via-list"))).isEqualTo("ok");
        }
    }

    @Test
    void noServerFailsToConnect() {
        assertThatThrownBy(() -> Coordinators.open("zk", "127.0.0.1:" + FreePorts.next(), "", Duration.ofSeconds(1)))
                .isInstanceOf(CoordinatorException.class)
                .hasMessageContaining("cannot connect");
    }
}
