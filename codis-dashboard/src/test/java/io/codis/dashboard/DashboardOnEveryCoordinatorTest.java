package io.codis.dashboard;

import static io.codis.dashboard.Cluster.doneIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.cli.FatalError;
import io.codis.common.coordinator.CodisPaths;
import io.codis.common.testkit.EtcdServer;
import io.codis.common.testkit.ZookeeperServer;
import io.codis.proxy.ProxyServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dashboard's topology on the coordinators other than the filesystem (which the other tests use):
 * ZooKeeper, etcd's v2 keys API ({@code etcd}) and etcd v3 ({@code etcdv3}). On each: the lock, a
 * second dashboard giving up, groups, a proxy, a slot action through every state, and what lands in
 * the store, read back through the same coordinator client.
 */
class DashboardOnEveryCoordinatorTest extends TwoRedisClusterTest {
    private static ZookeeperServer zookeeper;
    private static EtcdServer etcd;
    private final List<Cluster> started = new ArrayList<>();

    @BeforeAll
    static void startCoordinators() {
        zookeeper = ZookeeperServer.start();
        etcd = EtcdServer.builder().enableV2().start();
    }

    @AfterAll
    static void stopCoordinators() {
        zookeeper.close();
        etcd.close();
    }

    @AfterEach
    void closeClusters() {
        started.forEach(Cluster::close);
    }

    private Cluster on(String coordinator, String product) {
        String addr = coordinator.equals("zookeeper") ? zookeeper.addr() : etcd.addr();
        Cluster c = new Cluster(coordinator, addr, product, "");
        started.add(c);
        return c;
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"zookeeper", "etcd", "etcdv3"})
    void topologyAndSlotActionsLiveInTheCoordinator(String coordinator) throws Exception {
        String product = "codis-" + coordinator;
        Cluster c = on(coordinator, product);
        c.startDashboard(null).goOnline(1, Duration.ofMillis(10));
        assertThat(c.stored(CodisPaths.topom(product)).get("token").textValue())
                .isEqualTo(c.server.dashboard().model().token());

        Cluster second = on(coordinator, product);
        second.startDashboard(null);
        assertThatThrownBy(() -> second.server.goOnline(2, Duration.ofMillis(10)))
                .isInstanceOf(FatalError.class).hasMessage("dashboard online failed, give up & abort :'(");

        c.ok("group/create/1");
        c.ok("group/add/1/" + redis1.addr());
        ProxyServer proxy = c.startProxy();
        c.ok("proxy/create/" + Cluster.adminAddr(proxy));
        c.ok("slots/action/create/7/1");

        JsonNode slot = c.awaitSlot(7, doneIn(1));
        assertThat(slot.get("group_id").intValue()).isEqualTo(1);
        assertThat(c.stored(CodisPaths.group(product, 1)).at("/servers/0/server").textValue())
                .isEqualTo(redis1.addr());
        String token = proxy.proxy().model().token();
        assertThat(c.stored(CodisPaths.proxy(product, token)).get("admin_addr").textValue())
                .isEqualTo(Cluster.adminAddr(proxy));
        assertThat(proxy.proxy().slots().get(7).backendAddr()).isEqualTo(redis1.addr());

        assertThat(c.put("shutdown").statusCode()).isEqualTo(200);
        assertThat(c.stored(CodisPaths.topom(product))).isNull();
    }
}
