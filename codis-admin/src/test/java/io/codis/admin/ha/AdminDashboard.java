package io.codis.admin.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.admin.AdminConsole;
import io.codis.common.config.DashboardConfig;
import io.codis.common.config.ProxyConfig;
import io.codis.common.coordinator.Coordinators;
import io.codis.common.json.JsonCodec;
import io.codis.common.rpc.AdvertisedAddresses;
import io.codis.common.rpc.HostPort;
import io.codis.common.testkit.FreePorts;
import io.codis.common.testkit.TempDirs;
import io.codis.dashboard.DashboardServer;
import io.codis.proxy.ProxyServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * A real dashboard in this JVM on a filesystem coordinator in a temp dir, with real proxies, driven by
 * {@code codis-admin --dashboard=ADDR} as an operator would.
 */
final class AdminDashboard implements AutoCloseable {
    final String product;
    final List<ProxyServer> proxies = new ArrayList<>();
    private final Path root;
    private final DashboardConfig config;
    private final AdminConsole console = new AdminConsole();
    private DashboardServer server;
    private String addr;

    AdminDashboard(String product, String extraToml) throws InterruptedException {
        this.product = product;
        this.root = TempDirs.create("admin-ha-");
        config = DashboardConfig.parse("coordinator_name = \"filesystem\"\ncoordinator_addr = \"" + root
                + "\"\nproduct_name = \"" + product + "\"\nadmin_addr = \"127.0.0.1:0\"\n" + extraToml);
        start();
    }

    private void start() throws InterruptedException {
        server = DashboardServer.start(config, AdvertisedAddresses.ofThisHost(),
                Coordinators.open("filesystem", root.toString(), "", Duration.ofSeconds(5)), null);
        server.goOnline(1, Duration.ofMillis(10));
        addr = "127.0.0.1:" + server.adminPort();
    }

    /** Closes the dashboard (it releases the product's lock) and starts a new one on the same coordinator. */
    void restart() throws InterruptedException {
        server.close();
        start();
    }

    /** The coordinator node {@code /codis3/{product}/{name}} (the filesystem coordinator's file); empty when absent. */
    java.util.Optional<String> storedNode(String name) {
        Path file = root.resolve("data/codis3/" + product + "/" + name);
        try {
            return java.nio.file.Files.exists(file) ? java.util.Optional.of(java.nio.file.Files.readString(file))
                    : java.util.Optional.empty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts a proxy of the product and registers it with {@code --create-proxy}. */
    ProxyServer addProxy() {
        ProxyServer proxy = ProxyServer.start(ProxyConfig.parse("product_name = \"" + product + "\"\nproto_type = \"tcp4\"\n"
                + "proxy_addr = \"127.0.0.1:" + FreePorts.next() + "\"\nadmin_addr = \"127.0.0.1:0\"\n"),
                AdvertisedAddresses.ofThisHost());
        proxies.add(proxy);
        ok("--create-proxy", "--addr=" + proxy.proxy().model().adminAddr());
        return proxy;
    }

    /** Creates group {@code gid} with {@code servers} (the master first) and assigns it every slot. */
    void groupWithEverySlot(int gid, String... servers) {
        ok("--create-group", "--gid=" + gid);
        for (String server : servers) {
            ok("--group-add", "--gid=" + gid, "--addr=" + server);
        }
        ok("--slots-assign", "--beg=0", "--end=1023", "--gid=" + gid, "--confirm");
    }

    /** {@code --sentinel-add} of each sentinel, then {@code --sentinel-resync}. */
    void watchedBy(List<String> sentinels) {
        for (String sentinel : sentinels) {
            ok("--sentinel-add", "--addr=" + sentinel);
        }
        ok("--sentinel-resync");
    }

    static Jedis client(ProxyServer proxy) {
        return new Jedis("127.0.0.1", HostPort.parse(proxy.proxy().model().proxyAddr()).port());
    }

    /** Runs {@code codis-admin --dashboard=ADDR ARGS...}; returns its exit status. */
    int admin(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--dashboard=" + addr;
        System.arraycopy(args, 0, all, 1, args.length);
        return console.run(all);
    }

    /** Runs a command that must succeed, and returns what it printed. */
    String ok(String... args) {
        int exit = admin(args);
        assertThat(console.err()).as(String.join(" ", args)).isEmpty();
        assertThat(exit).isZero();
        return console.out();
    }

    /** Runs a command that must fail; returns the remote error it printed after {@code [Remote Error] }. */
    String remoteError(String... args) {
        assertThat(admin(args)).as(String.join(" ", args)).isEqualTo(1);
        String err = console.err();
        assertThat(err).as(String.join(" ", args)).contains("[Remote Error] ");
        return err.substring(err.indexOf("[Remote Error] ") + "[Remote Error] ".length()).strip();
    }

    /** GET {@code path} of the dashboard, which must answer 200; its JSON. */
    JsonNode get(String path) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + addr + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            return JsonCodec.readTree(response.body().getBytes());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The dashboard's stats, as {@code codis-admin --dashboard=ADDR stats} prints them. */
    JsonNode stats() {
        return JsonCodec.readTree(ok("stats").getBytes());
    }

    /** The stored group {@code gid} as {@code --list-group} prints it. */
    JsonNode group(int gid) {
        for (JsonNode g : JsonCodec.readTree(ok("--list-group").getBytes())) {
            if (g.get("id").intValue() == gid) {
                return g;
            }
        }
        throw new AssertionError("no group-" + gid);
    }

    /** The addresses of group {@code gid}'s servers, in order. */
    List<String> servers(int gid) {
        List<String> out = new ArrayList<>();
        group(gid).get("servers").forEach(s -> out.add(s.get("server").textValue()));
        return out;
    }

    /** The stored action state of server {@code addr} of group {@code gid} ({@code ""} when none). */
    String actionState(int gid, String addr) {
        for (JsonNode s : group(gid).get("servers")) {
            if (s.get("server").textValue().equals(addr)) {
                return s.path("action").path("state").asText("");
            }
        }
        throw new AssertionError("no server " + addr + " in group-" + gid);
    }

    @Override
    public void close() {
        proxies.forEach(ProxyServer::close);
        server.close();
        TempDirs.delete(root);
    }
}
