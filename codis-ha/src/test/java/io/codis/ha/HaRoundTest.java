package io.codis.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codis.common.model.Proxy;
import io.codis.common.status.DashboardStats;
import io.codis.common.testkit.Await;
import io.codis.proxy.admin.StatsFlags;
import org.junit.jupiter.api.Test;

/** One codis-ha round against a real dashboard and proxy. */
class HaRoundTest {

    @Test
    void aProxyTheDashboardHasNotSampledYetIsNotRemoved() throws Exception {
        try (HaCluster cluster = new HaCluster("codis-ha-round")) {
            cluster.api.createProxy(cluster.proxy.proxy().model().adminAddr());
            Await.until("the dashboard's first sample of the proxy", () -> cluster.api.stats().path("proxy").path("stats").size() == 1);
            ObjectNode stats = cluster.api.stats().deepCopy();
            // the stats as the dashboard serves them between a proxy's creation and its first sample
            ((ObjectNode) stats.path("proxy").path("stats")).removeAll();

            new HaRound(cluster.api, 1, true).run(DashboardStats.of(stats));

            assertThat(DashboardStats.of(cluster.api.stats()).proxies()).extracting(Proxy::token)
                    .containsExactly(cluster.proxy.proxy().model().token());
            assertThat(cluster.proxy.proxy().stats(StatsFlags.NONE).path("online").asBoolean())
                    .as("the proxy still online, not shut down").isTrue();
        }
    }
}
