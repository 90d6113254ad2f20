package io.codis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.slot.SlotHash;
import io.codis.common.testkit.ExternalProcess;
import io.codis.common.testkit.FreePorts;
import io.codis.common.testkit.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A product run from the jars as an operator runs it: a coordinator, codis-dashboard and some
 * codis-proxy processes waiting online, each a separate process with its own copy of the shipped
 * TOML file; codis-admin calls against the dashboard. Groups, servers and proxies are the caller's to
 * create with {@link #admin}.
 */
final class JarCluster implements AutoCloseable {
    static final Duration STARTUP = Duration.ofSeconds(60);

    private final Path dir;
    private final CoordinatorKind.Running coordinator;
    private final String dashboard;
    private final ExternalProcess dashboardProcess;
    private final List<ExternalProcess> processes = new ArrayList<>();
    private final List<Integer> proxyPorts = new ArrayList<>();
    private final List<String> proxyAdmins = new ArrayList<>();
    private final List<ExternalProcess> proxies = new ArrayList<>();

    private JarCluster(String name, CoordinatorKind kind, String product, int proxyCount,
            UnaryOperator<ConfigFile> dashboardSettings) {
        dir = TempDirs.create(name + "-" + kind.configName() + "-");
        coordinator = kind.start(dir);
        dashboard = "127.0.0.1:" + FreePorts.next();
        dashboardProcess = startedDashboard("codis-dashboard", product, dashboard, dashboardSettings);
        for (int i = 1; i <= proxyCount; i++) {
            int port = FreePorts.next();
            String proxyAdmin = "127.0.0.1:" + FreePorts.next();
            proxyPorts.add(port);
            proxyAdmins.add(proxyAdmin);
            Path proxyToml = ConfigFile.shipped("proxy.toml")
                    .set("product_name", product)
                    .set("admin_addr", proxyAdmin)
                    .set("proxy_addr", "127.0.0.1:" + port)
                    .writeTo(dir.resolve("proxy-" + i + ".toml"));
            proxies.add(started(Launcher.start("codis-proxy-" + i, "codis-proxy", dir,
                    "--ncpu=1", "--config=" + proxyToml, "--log-level=warn")));
        }
        dashboardProcess.awaitReady(() -> AdminHttp.get(dashboard, "/topom/stats").isPresent(), STARTUP);
        for (int i = 0; i < proxyCount; i++) {
            String proxyAdmin = proxyAdmins.get(i);
            proxies.get(i).awaitReady(() -> AdminHttp.get(proxyAdmin, "/api/proxy/model").isPresent(), STARTUP);
        }
    }

    /** Starts the product {@code product} on a store of {@code kind} with {@code proxyCount} proxies (not yet online). */
    static JarCluster start(String name, CoordinatorKind kind, String product, int proxyCount) {
        return start(name, kind, product, proxyCount, UnaryOperator.identity());
    }

    /** The same, with dashboard.toml settings changed from the shipped file's. */
    static JarCluster start(String name, CoordinatorKind kind, String product, int proxyCount,
            UnaryOperator<ConfigFile> dashboardSettings) {
        return new JarCluster(name, kind, product, proxyCount, dashboardSettings);
    }

    Path dir() {
        return dir;
    }

    String dashboard() {
        return dashboard;
    }

    /** coordinator_addr of the product, e.g. for codis-fe's --filesystem/--zookeeper/--etcd. */
    String coordinatorAddr() {
        return coordinator.addr();
    }

    ExternalProcess dashboardProcess() {
        return dashboardProcess;
    }

    int proxyPort(int index) {
        return proxyPorts.get(index);
    }

    String proxyAdmin(int index) {
        return proxyAdmins.get(index);
    }

    ExternalProcess proxy(int index) {
        return proxies.get(index);
    }

    /** codis-admin --dashboard=ADDR ARGS: must succeed; returns what it printed. */
    String admin(String... args) {
        return adminRun(args).stdout();
    }

    /** codis-admin --dashboard=ADDR ARGS: must succeed. */
    Launcher.Result adminRun(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "--dashboard=" + dashboard;
        System.arraycopy(args, 0, command, 1, args.length);
        Launcher.Result result = Launcher.admin(command);
        assertThat(result.exitCode()).as("codis-admin %s: %s", String.join(" ", args), result.stderr()).isZero();
        return result;
    }

    /**
     * codis-admin --dashboard=ADDR for changes, run side by side as from several terminals (each a JVM
     * to start): like the original, each prints nothing when it worked.
     */
    @SafeVarargs
    final void adminSilently(List<String>... changes) {
        List<CompletableFuture<String>> outputs = Stream.of(changes)
                .map(args -> CompletableFuture.supplyAsync(() -> admin(args.toArray(String[]::new)),
                        call -> new Thread(call, "codis-admin " + String.join(" ", args)).start()))
                .toList();
        for (int i = 0; i < changes.length; i++) {
            assertThat(outputs.get(i).join()).as("codis-admin %s", String.join(" ", changes[i])).isEmpty();
        }
    }

    /** Waits until no slot has an action (pending, migrating or any other state). */
    void awaitNoSlotActions(Duration timeout) {
        dashboardProcess.awaitReady(() -> AdminHttp.get(dashboard, "/topom/stats")
                .map(JarCluster::noSlotActions)
                .orElse(false), timeout);
    }

    private static boolean noSlotActions(JsonNode stats) {
        return IntStream.range(0, SlotHash.SLOT_COUNT)
                .allMatch(sid -> stats.path("slots").path(sid).path("action").path("state").asText().isEmpty());
    }

    /**
     * Starts the dashboard of another product on the same store (stopped with the rest) and returns
     * its admin address once it answers.
     */
    String startDashboard(String otherProduct) {
        String addr = "127.0.0.1:" + FreePorts.next();
        startedDashboard("codis-dashboard-" + otherProduct, otherProduct, addr, UnaryOperator.identity())
                .awaitReady(() -> AdminHttp.get(addr, "/topom/stats").isPresent(), STARTUP);
        return addr;
    }

    private ExternalProcess startedDashboard(String name, String product, String addr,
            UnaryOperator<ConfigFile> settings) {
        Path toml = settings.apply(ConfigFile.shipped("dashboard.toml")
                        .set("coordinator_name", coordinator.kind().configName())
                        .set("coordinator_addr", coordinator.addr())
                        .set("product_name", product)
                        .set("admin_addr", addr))
                .writeTo(dir.resolve(name.replace("codis-", "") + ".toml"));
        return started(Launcher.start(name, "codis-dashboard", dir, "--ncpu=1", "--config=" + toml, "--log-level=warn"));
    }

    private ExternalProcess started(ExternalProcess process) {
        processes.add(process);
        return process;
    }

    /** Stops every process it started (proxies first), the store, and removes the run's directory. */
    @Override
    public void close() {
        List<ExternalProcess> started = new ArrayList<>(processes);
        Collections.reverse(started);
        started.forEach(ExternalProcess::close);
        coordinator.close();
        TempDirs.delete(dir);
    }
}
