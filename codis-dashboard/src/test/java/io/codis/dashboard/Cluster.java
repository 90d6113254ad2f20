package io.codis.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.config.DashboardConfig;
import io.codis.common.config.ProxyConfig;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.Coordinators;
import io.codis.common.json.JsonCodec;
import io.codis.common.coordinator.CodisPaths;
import io.codis.common.rpc.AdvertisedAddresses;
import io.codis.common.rpc.HostPort;
import io.codis.common.rpc.XAuth;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.FreePorts;
import io.codis.dashboard.slots.SlotMigrator;
import io.codis.proxy.ProxyServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import redis.clients.jedis.Jedis;

/**
 * A dashboard (and proxies) of one product in this JVM, on a filesystem coordinator in a temp dir, or
 * on any coordinator; or the client of that product's dashboard running in another process.
 */
final class Cluster implements AutoCloseable {
    final Path root;
    final String coordinatorName;
    final String coordinatorAddr;
    final String product;
    final DashboardConfig config;
    final List<ProxyServer> proxies = new ArrayList<>();
    DashboardServer server;
    Http http;
    String xauth;
    private Coordinator reader;

    Cluster(Path root, String product) {
        this(root, product, "");
    }

    Cluster(Path root, String product, String extraToml) {
        this("filesystem", root.toString(), product, extraToml);
    }

    /** On any coordinator, e.g. {@code zookeeper} at a test server's address. */
    Cluster(String coordinatorName, String coordinatorAddr, String product, String extraToml) {
        this.root = null;
        this.coordinatorName = coordinatorName;
        this.coordinatorAddr = coordinatorAddr;
        this.product = product;
        this.config = DashboardConfig.parse("coordinator_name = \"" + coordinatorName + "\"\ncoordinator_addr = \""
                + coordinatorAddr + "\"\nproduct_name = \"" + product + "\"\nadmin_addr = \"127.0.0.1:0\"\n" + extraToml);
    }

    Coordinator openCoordinator() {
        return Coordinators.open(coordinatorName, coordinatorAddr, "", Duration.ofSeconds(5));
    }

    /** Starts a dashboard without taking the lock. */
    DashboardServer startDashboard(SlotMigrator migrator) {
        return startDashboard(migrator, openCoordinator());
    }

    DashboardServer startDashboard(SlotMigrator migrator, Coordinator coordinator) {
        server = DashboardServer.start(config, AdvertisedAddresses.ofThisHost(), coordinator, migrator);
        http = new Http(server.adminPort());
        xauth = server.dashboard().xauth();
        return server;
    }

    /** Talks to this product's dashboard running elsewhere (e.g. in another process) on {@code adminPort}. */
    Cluster attach(int adminPort) {
        http = new Http(adminPort);
        xauth = XAuth.dashboard(product);
        return this;
    }

    /** Starts a dashboard and takes the lock (one attempt). */
    Cluster online() throws InterruptedException {
        return online(null);
    }

    Cluster online(SlotMigrator migrator) throws InterruptedException {
        startDashboard(migrator).goOnline(1, Duration.ofMillis(10));
        return this;
    }

    ProxyServer startProxy() {
        return startProxy("");
    }

    ProxyServer startProxy(String extraToml) {
        ProxyServer proxy = ProxyServer.start(ProxyConfig.parse("product_name = \"" + product + "\"\nproto_type = \"tcp4\"\n"
                + extraToml + "proxy_addr = \"127.0.0.1:" + FreePorts.next() + "\"\nadmin_addr = \"127.0.0.1:0\"\n"),
                AdvertisedAddresses.ofThisHost());
        proxies.add(proxy);
        return proxy;
    }

    static String adminAddr(ProxyServer proxy) {
        return proxy.proxy().model().adminAddr();
    }

    /** A client of {@code proxy}'s data plane. */
    static Jedis client(ProxyServer proxy) {
        return new Jedis("127.0.0.1", HostPort.parse(proxy.proxy().model().proxyAddr()).port());
    }

    /** PUT {@code /api/topom/{route}} with this product's xauth inserted after the first segment pair. */
    HttpResponse<String> put(String route) {
        return http.put(api(route));
    }

    HttpResponse<String> put(String route, String body) {
        return http.put(api(route), body);
    }

    /** {@code group/create/1} → {@code /api/topom/group/create/{xauth}/1}. */
    String api(String route) {
        String[] parts = route.split("/", -1);
        int head = route.startsWith("slots/action/") ? 3
                : route.startsWith("group/") || route.startsWith("proxy/") || route.startsWith("slots/") ? 2 : 1;
        StringBuilder out = new StringBuilder("/api/topom");
        for (int i = 0; i < parts.length; i++) {
            out.append('/').append(parts[i]);
            if (i == head - 1) {
                out.append('/').append(xauth);
            }
        }
        if (parts.length < head) {
            out.append('/').append(xauth);
        }
        return out.toString();
    }

    /** PUT that must answer {@code "OK"}. */
    void ok(String route) {
        ok(route, "");
    }

    void ok(String route, String body) {
        HttpResponse<String> response = put(route, body);
        if (response.statusCode() != 200) {
            throw new AssertionError(route + " -> " + response.statusCode() + " " + response.body());
        }
    }

    JsonNode stats() {
        HttpResponse<String> response = http.get("/api/topom/stats/" + xauth);
        if (response.statusCode() != 200) {
            throw new AssertionError("stats -> " + response.statusCode() + " " + response.body());
        }
        return JsonCodec.readTree(response.body().getBytes());
    }

    /** The stored node at {@code path}, parsed; null when absent. */
    JsonNode stored(String path) {
        if (reader == null) {
            reader = openCoordinator();
        }
        return reader.read(path).map(JsonCodec::readTree).orElse(null);
    }

    /** Waits until the stored slot {@code sid} meets {@code condition}. */
    JsonNode awaitSlot(int sid, Predicate<JsonNode> condition) {
        return Await.until("the stored slot-" + sid + " to reach the expected state",
                () -> stored(CodisPaths.slot(product, sid)), slot -> slot != null && condition.test(slot));
    }

    /** A stored slot whose action is in {@code state}. */
    static Predicate<JsonNode> inState(String state) {
        return slot -> slot.path("action").path("state").asText("").equals(state);
    }

    /** A stored slot without action, in group {@code gid}. */
    static Predicate<JsonNode> doneIn(int gid) {
        return slot -> slot.path("action").isEmpty() && slot.get("group_id").intValue() == gid;
    }

    @Override
    public void close() {
        for (ProxyServer p : proxies) {
            p.close();
        }
        if (server != null) {
            server.close();
        }
        if (reader != null) {
            reader.close();
        }
    }
}
