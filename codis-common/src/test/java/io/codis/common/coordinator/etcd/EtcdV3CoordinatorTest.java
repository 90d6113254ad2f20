package io.codis.common.coordinator.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.CoordinatorContractTest;
import io.codis.common.coordinator.CoordinatorException;
import io.codis.common.coordinator.Coordinators;
import io.codis.common.coordinator.EphemeralNode;
import io.codis.common.testkit.EtcdServer;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract on a real etcd through the v3 API (jetcd), plus emulated directories, leases and v3 auth. */
class EtcdV3CoordinatorTest extends CoordinatorContractTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static EtcdServer server;

    @BeforeAll
    static void startServer() {
        server = EtcdServer.start();
        // the first jetcd client of a JVM loads gRPC and Netty: on a busy machine that alone can exceed a test timeout
        try (Coordinator warmUp = Coordinators.open("etcdv3", server.addr(), "", Duration.ofSeconds(30))) {
            warmUp.read("/warm-up");
        }
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected Coordinator connect() {
        return Coordinators.open("etcdv3", server.addr(), "", TIMEOUT);
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
    void directoriesAreImpliedByDeeperKeys() {
        client.update(base + "/a/b/c", bytes("deep"));
        client.update(base + "/a/d", bytes("shallow"));
        client.update(base + "/ab", bytes("sibling, not a child"));

        assertThat(client.listExisting(base + "/a")).containsExactly(base + "/a/b", base + "/a/d");
        assertThat(client.listExisting(base + "/a/d")).isEmpty();
        assertThat(client.read(base + "/a")).isEmpty();
    }

    @Test
    void ephemeralNodeIsLostWhenItsLeaseIsRevoked() throws Exception {
        String node = base + "/jodis/proxy-lease";
        try (Coordinator owner = connect(); Client raw = Client.builder().endpoints(server.endpoint()).build()) {
            EphemeralNode ephemeral = owner.createEphemeral(node, bytes("x"));
            KeyValue kv = raw.getKVClient().get(ByteSequence.from(node, StandardCharsets.UTF_8))
                    .get(10, TimeUnit.SECONDS).getKvs().get(0);
            assertThat(kv.getLease()).isNotZero();

            raw.getLeaseClient().revoke(kv.getLease()).get(10, TimeUnit.SECONDS);

            ephemeral.lost().get(EVENTUALLY.toSeconds(), TimeUnit.SECONDS);
            assertThat(client.read(node)).isEmpty();
        }
    }

    @Test
    void v3AuthAcceptsTheRightPasswordAndRejectsOthers() {
        try (EtcdServer secured = EtcdServer.start()) {
            secured.enableV3Auth("rootpw");
            try (Coordinator root = Coordinators.open("etcdv3", secured.addr(), "root:rootpw", TIMEOUT);
                 Coordinator wrong = Coordinators.open("etcdv3", secured.addr(), "root:wrong", TIMEOUT);
                 Coordinator anonymous = Coordinators.open("etcdv3", secured.addr(), "", TIMEOUT)) {
                root.create("/codis3/demo/topom", bytes("t"));
                assertThat(text(root.readExisting("/codis3/demo/topom"))).isEqualTo("t");

                assertThatThrownBy(() -> wrong.read("/codis3/demo/topom")).isInstanceOf(CoordinatorException.class)
                        .hasMessageContaining("authentication failed");
                assertThatThrownBy(() -> anonymous.update("/codis3/demo/topom", bytes("x")))
                        .isInstanceOf(CoordinatorException.class)
                        .hasMessageContaining("user name is empty");
                assertThat(text(root.readExisting("/codis3/demo/topom"))).isEqualTo("t");
            }
        }
    }
}
