package io.codis.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.codis.common.cli.CommandLines;
import io.codis.common.coordinator.CodisPaths;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.Coordinators;
import io.codis.common.json.JsonCodec;
import io.codis.common.log.LogLevel;
import io.codis.common.log.Logs;
import io.codis.common.model.Slot;
import io.codis.common.rpc.ApiClient;
import io.codis.common.rpc.XAuth;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.FreePorts;
import io.codis.common.testkit.RedisServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** {@code codis-proxy} run in this JVM as an operator would start it, stopped through the shutdown route. */
class ProxyMainRunTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ApiClient client = new ApiClient(Duration.ofSeconds(5));

    @AfterEach
    void quietAgain() {
        Logs.configure(null, LogLevel.INFO);
    }

    private CompletableFuture<Integer> run(String... args) {
        return CompletableFuture.supplyAsync(() -> CommandLines.execute("codis-proxy", new ProxyMain(),
                new PrintWriter(out, true), new PrintWriter(err, true), args));
    }

    private Path config(int proxyPort, int adminPort) throws IOException {
        Path file = dir.resolve("proxy.toml");
        Files.writeString(file, "product_name = \"codis-run\"\nproto_type = \"tcp4\"\nproxy_addr = \"127.0.0.1:" + proxyPort
                + "\"\nadmin_addr = \"127.0.0.1:" + adminPort + "\"\n");
        return file;
    }

    @Test
    void fillslotsServesWithoutDashboardAndShutdownExitsZeroRemovingThePidfile() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            int proxyPort = FreePorts.next();
            int adminPort = FreePorts.next();
            Path slots = dir.resolve("slots.json");
            List<Slot> all = new ArrayList<>();
            for (int id = 0; id < 1024; id++) {
                all.add(new Slot(id, false, redis.addr(), 1, "", 0, 0, List.of()));
            }
            Files.writeString(slots, JsonCodec.pretty(all));
            Path pidfile = dir.resolve("run").resolve("codis-proxy.pid");
            Path log = dir.resolve("log").resolve("proxy.log");

            CompletableFuture<Integer> exit = run("--config=" + config(proxyPort, adminPort), "--fillslots=" + slots,
                    "--pidfile=" + pidfile, "--ncpu=2", "--max-ncpu=1", "--log=" + log, "--log-level=INFO");

            String admin = "127.0.0.1:" + adminPort;
            JsonNode model = awaitModel(admin);
            String xauth = XAuth.proxy("codis-run", "", model.get("token").textValue());
            awaitOnline(admin, xauth);
            assertThat(Files.readString(pidfile)).isEqualTo(Long.toString(ProcessHandle.current().pid()));
            JsonNode stats = client.get(ApiClient.url(admin, "/proxy/stats"), JsonNode.class);
            assertThat(stats.get("runtime").get("num_procs").intValue()).isEqualTo(2);
            try (Jedis jedis = new Jedis("127.0.0.1", proxyPort)) {
                assertThat(jedis.set("a", "1")).isEqualTo("OK");
                assertThat(jedis.get("a")).isEqualTo("1");
            }

            client.put(ApiClient.url(admin, "/api/proxy/shutdown/" + xauth), null);
            assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
            assertThat(pidfile).doesNotExist();
            String logged = Files.readString(log.resolveSibling("proxy.log." + java.time.LocalDate.now()));
            assertThat(logged).contains("set ncpu = 2, max-ncpu = 2", "create proxy with config", "proxy waiting online ...", "proxy is working ...",
                    "proxy is exiting ...", "API call /api/proxy/shutdown/" + xauth + " from 127.0.0.1:");
            assertThat(err.toString()).isEmpty();
        }
    }

    @Test
    void filesystemOptionFindsTheDashboardInTheCoordinatorAndAsksItToPutTheProxyOnline() throws Exception {
        int adminPort = FreePorts.next();
        String admin = "127.0.0.1:" + adminPort;
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer dashboard = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        dashboard.createContext("/api/topom/model", exchange -> reply(exchange, "{\"product_name\": \"codis-run\"}"));
        dashboard.createContext("/api/topom/proxy/online/", exchange -> {
            calls.add(exchange.getRequestURI().getPath());
            // as the dashboard does: the proxy's model, then start with the proxy xauth
            JsonNode model = client.get(ApiClient.url(admin, "/api/proxy/model"), JsonNode.class);
            client.put(ApiClient.url(admin, "/api/proxy/start/" + XAuth.proxy("codis-run", "", model.get("token").textValue())), null);
            reply(exchange, "\"OK\"");
        });
        dashboard.start();
        Path root = dir.resolve("coordinator");
        try (Coordinator coordinator = Coordinators.open("filesystem", root.toString(), "", Duration.ofSeconds(5))) {
            coordinator.create(CodisPaths.topom("codis-run"), ("{\"admin_addr\": \"127.0.0.1:" + dashboard.getAddress().getPort()
                    + "\", \"product_name\": \"codis-run\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try {
            Path log = dir.resolve("proxy.log");
            CompletableFuture<Integer> exit = run("--config=" + config(FreePorts.next(), adminPort), "--filesystem=" + root,
                    "--log=" + log);
            JsonNode model = awaitModel(admin);
            String xauth = XAuth.proxy("codis-run", "", model.get("token").textValue());
            awaitOnline(admin, xauth);
            assertThat(calls).containsExactly("/api/topom/proxy/online/" + XAuth.dashboard("codis-run") + "/" + admin);

            client.put(ApiClient.url(admin, "/api/proxy/shutdown/" + xauth), null);
            assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
            assertThat(Files.readString(log.resolveSibling("proxy.log." + java.time.LocalDate.now())))
                    .contains("set ncpu = 4, max-ncpu = " + Math.max(4, Runtime.getRuntime().availableProcessors()));
        } finally {
            dashboard.stop(0);
        }
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (java.io.OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void aBusyAdminAddressStopsTheStartWithExitOne() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int exit = run("--config=" + config(FreePorts.next(), busy.getLocalPort())).get(20, TimeUnit.SECONDS);
            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).startsWith("codis-proxy: create proxy with config failed, listen tcp 127.0.0.1:"
                    + busy.getLocalPort() + ": ");
        }
    }

    private JsonNode awaitModel(String admin) {
        return Await.until("the proxy's model at " + admin,
                () -> client.get(ApiClient.url(admin, "/api/proxy/model"), JsonNode.class), Objects::nonNull);
    }

    private void awaitOnline(String admin, String xauth) {
        Await.until("the proxy at " + admin + " online",
                () -> client.get(ApiClient.url(admin, "/api/proxy/stats/" + xauth), JsonNode.class),
                stats -> stats.get("online").booleanValue());
    }
}
