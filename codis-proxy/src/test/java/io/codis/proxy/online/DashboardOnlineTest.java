package io.codis.proxy.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.codis.common.cli.FatalError;
import io.codis.common.config.ProxyConfig;
import io.codis.common.rpc.AdvertisedAddresses;
import io.codis.common.rpc.ApiClient;
import io.codis.common.rpc.XAuth;
import io.codis.common.testkit.FreePorts;
import io.codis.proxy.ProxyServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code --dashboard=ADDR} against a small HTTP listener standing in for the dashboard, recording the calls. */
class DashboardOnlineTest {
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger onlineFailuresLeft = new AtomicInteger();
    private volatile String dashboardProduct = "codis-test";
    private HttpServer dashboard;
    private ProxyServer server;

    @BeforeEach
    void start() throws IOException {
        dashboard = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        dashboard.createContext("/api/topom/model", exchange -> {
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            reply(exchange, 200, "{\"token\": \"t\", \"product_name\": \"" + dashboardProduct + "\"}");
        });
        dashboard.createContext("/api/topom/proxy/online/", exchange -> {
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            if (onlineFailuresLeft.getAndDecrement() > 0) {
                reply(exchange, 800, "{\"Cause\": \"proxy-[x] online failed\", \"Stack\": null}");
            } else {
                server.proxy().start();
                reply(exchange, 200, "\"OK\"");
            }
        });
        dashboard.start();
        server = ProxyServer.start(ProxyConfig.parse("proto_type = \"tcp4\"\nproxy_addr = \"127.0.0.1:" + FreePorts.next()
                + "\"\nadmin_addr = \"127.0.0.1:0\"\nproduct_name = \"codis-test\"\n"), AdvertisedAddresses.ofThisHost());
    }

    @AfterEach
    void stop() {
        server.close();
        dashboard.stop(0);
    }

    private String dashboardAddr() {
        return "127.0.0.1:" + dashboard.getAddress().getPort();
    }

    private DashboardOnline online(int attempts) {
        return new DashboardOnline(server.proxy(), new ApiClient(Duration.ofSeconds(5)), attempts, Duration.ofMillis(20));
    }

    @Test
    void asksTheDashboardToPutThisProxyOnlineWithTheDashboardXAuthAndOwnAdminAddress() throws InterruptedException {
        online(DashboardOnline.DASHBOARD_ATTEMPTS).run(this::dashboardAddr);

        assertThat(calls).containsExactly("GET /api/topom/model",
                "PUT /api/topom/proxy/online/" + XAuth.dashboard("codis-test") + "/127.0.0.1:" + server.adminPort());
        assertThat(server.proxy().isOnline()).isTrue();
    }

    @Test
    void retriesAfterAFailedOnlineCall() throws InterruptedException {
        onlineFailuresLeft.set(2);
        online(DashboardOnline.DASHBOARD_ATTEMPTS).run(this::dashboardAddr);
        assertThat(calls).hasSize(6);
        assertThat(server.proxy().isOnline()).isTrue();
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        onlineFailuresLeft.set(100);
        assertThatThrownBy(() -> online(3).run(this::dashboardAddr))
                .isInstanceOf(FatalError.class).hasMessage("online proxy failed");
        assertThat(calls).hasSize(6);
    }

    @Test
    void anUnreachableDashboardIsRetriedThenFatal() {
        assertThatThrownBy(() -> online(2).run(() -> "127.0.0.1:" + FreePorts.next()))
                .isInstanceOf(FatalError.class).hasMessage("online proxy failed");
    }

    @Test
    void aDashboardOfAnotherProductIsFatalAtOnce() {
        dashboardProduct = "other";
        assertThatThrownBy(() -> online(5).run(this::dashboardAddr))
                .isInstanceOf(FatalError.class).hasMessageStartingWith("unexcepted product name, got model =\n{")
                .hasMessageContaining("\"product_name\": \"other\"");
        assertThat(calls).containsExactly("GET /api/topom/model");
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
