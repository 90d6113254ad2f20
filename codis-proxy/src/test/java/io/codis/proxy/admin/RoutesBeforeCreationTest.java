package io.codis.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.config.ProxyConfig;
import io.codis.common.http.ApiServer;
import io.codis.common.rpc.AdvertisedAddresses;
import io.codis.common.testkit.FreePorts;
import io.codis.proxy.ProxyServer;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The admin API listens before the proxy it serves exists (its model needs the admin port): a call
 * that comes in between waits for the proxy instead of getting a 404, as a script that starts a
 * proxy and calls it as soon as the port opens (scripts/quickstart.sh) would otherwise see.
 */
class RoutesBeforeCreationTest {
    @Test
    void aCallBeforeTheProxyExistsWaitsForIt() throws Exception {
        ProxyConfig config = ProxyConfig.parse("proto_type = \"tcp4\"\nproxy_addr = \"127.0.0.1:" + FreePorts.next()
                + "\"\nadmin_addr = \"127.0.0.1:0\"\nproduct_name = \"codis-early\"\n");
        CompletableFuture<io.codis.proxy.ProxyInstance> created = new CompletableFuture<>();
        try (ApiServer admin = new ApiServer("early-admin", "[0xe]");
                ProxyServer proxy = ProxyServer.start(config, AdvertisedAddresses.ofThisHost())) {
            ProxyAdminRoutes.install(admin, created);
            admin.start("127.0.0.1:0");
            AdminApi api = new AdminApi(admin.port());
            CompletableFuture<HttpResponse<String>> early = CompletableFuture.supplyAsync(() -> api.get("/api/proxy/model"));
            Thread.sleep(300);
            assertThat(early).as("waiting, not answered").isNotDone();

            created.complete(proxy.proxy());
            HttpResponse<String> answer = early.get(5, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"product_name\": \"codis-early\"");
        }
    }
}
