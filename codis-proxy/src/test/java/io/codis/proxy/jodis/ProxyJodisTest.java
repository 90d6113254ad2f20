package io.codis.proxy.jodis;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.config.ProxyConfig;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.Coordinators;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.JodisNode;
import io.codis.common.rpc.AdvertisedAddresses;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.FreePorts;
import io.codis.common.testkit.ZookeeperServer;
import io.codis.proxy.ProxyServer;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A proxy with {@code jodis_addr} registers when it goes online and unregisters when it closes. */
class ProxyJodisTest {

    @Test
    void theProxyRegistersAtItsJodisPathWhenStartedAndLeavesWhenClosed() throws InterruptedException {
        try (ZookeeperServer zookeeper = ZookeeperServer.start();
                Coordinator observer = Coordinators.open("zookeeper", zookeeper.addr(), "", Duration.ofSeconds(5))) {
            ProxyServer server = ProxyServer.start(ProxyConfig.parse("product_name = \"codis-jodis\"\n"
                    + "proto_type = \"tcp4\"\nproxy_addr = \"127.0.0.1:" + FreePorts.next() + "\"\n"
                    + "admin_addr = \"127.0.0.1:0\"\njodis_name = \"zookeeper\"\n"
                    + "jodis_addr = \"" + zookeeper.addr() + "\"\njodis_timeout = \"5s\"\n"),
                    AdvertisedAddresses.ofThisHost());
            String path = "/jodis/codis-jodis/proxy-" + server.proxy().token();
            try {
                assertThat(server.proxy().model().jodisPath()).isEqualTo(path);
                Thread.sleep(300);
                assertThat(observer.read(path)).as("not before the proxy is online").isEmpty();

                server.proxy().start();
                Await.until("the proxy's jodis node", () -> observer.read(path), Optional::isPresent);
                assertThat(observer.read(path)).hasValueSatisfying(data -> assertThat(new String(data))
                        .isEqualTo(JsonCodec.pretty(JodisNode.online(server.proxy().model()))));
            } finally {
                server.close();
            }
            assertThat(observer.read(path)).isEmpty();
        }
    }
}
