package io.codis.proxy;

import static io.codis.common.cli.OptionRules.options;

import io.codis.common.cli.CommandLines;
import io.codis.common.cli.CoordinatorOptions;
import io.codis.common.cli.FatalError;
import io.codis.common.cli.OptionRules;
import io.codis.common.config.ConfigException;
import io.codis.common.config.ProxyConfig;
import io.codis.common.cli.ProcessOptions;
import io.codis.common.cli.PidFile;
import io.codis.common.cli.ProcessSignals;
import io.codis.common.cli.SlotsFile;
import io.codis.common.model.Slot;
import io.codis.common.rpc.AdvertisedAddresses;
import io.codis.common.rpc.ApiClient;
import io.codis.common.coordinator.Coordinator;
import io.codis.proxy.online.DashboardOnline;
import io.codis.proxy.online.TopomAddressLookup;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code codis-proxy}: the stateless Redis proxy that routes each key by its slot. */
@Command(name = "codis-proxy", mixinStandardHelpOptions = true, versionProvider = CommandLines.Version.class,
        sortOptions = false, resourceBundle = "io.codis.proxy.ProxyMain$Help",
        customSynopsis = {
            "codis-proxy [--ncpu=N [--max-ncpu=MAX]] [--config=CONF] [--log=FILE] [--log-level=LEVEL]"
                + " [--host-admin=ADDR] [--host-proxy=ADDR] [--dashboard=ADDR|--zookeeper=ADDR"
                + " [--zookeeper-auth=USR:PWD]|--etcd=ADDR [--etcd-auth=USR:PWD]|--filesystem=ROOT|--fillslots=FILE]"
                + " [--ulimit=NLIMIT] [--pidfile=FILE] [--product_name=NAME] [--product_auth=AUTH] [--session_auth=AUTH]",
            "codis-proxy  --default-config",
            "codis-proxy  --version",
        },
        description = "Speaks the Redis protocol to clients and routes every key by its slot to the group of"
                + " Redis servers that owns it; steered by the dashboard through its admin API.")
public final class ProxyMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyMain.class);
    /** The original's real default (its help text says the number of CPUs, its code says 4). */
    static final int DEFAULT_NCPU = 4;
    private static final Duration COORDINATOR_TIMEOUT = Duration.ofMinutes(1);

    @Mixin
    ProcessOptions process;

    @Option(names = "--max-ncpu", paramLabel = "MAX", description = "let the number of worker threads grow up to MAX"
            + " (at least N) under load, default is the number of CPUs.")
    Integer maxNcpu;

    @Option(names = {"-c", "--config"}, paramLabel = "CONF", description = "run with the specific configuration.")
    Path config;

    @Option(names = "--host-admin", paramLabel = "ADDR", description = "advertise this admin address instead of the listen address.")
    String hostAdmin;

    @Option(names = "--host-proxy", paramLabel = "ADDR", description = "advertise this proxy address instead of the listen address.")
    String hostProxy;

    @Option(names = "--dashboard", paramLabel = "ADDR", description = "ask the dashboard at ADDR to put this proxy online.")
    String dashboard;

    @Mixin
    CoordinatorOptions coordinator;

    @Option(names = "--fillslots", paramLabel = "FILE", description = "fill the slots from FILE (a JSON array of slots) and go online without a dashboard.")
    Path fillslots;

    @Option(names = "--ulimit", paramLabel = "NLIMIT", description = "run 'ulimit -n' to check the maximum number of open file descriptors.")
    Integer ulimit;

    @Option(names = "--product_name", paramLabel = "NAME", description = "override product_name of the configuration.")
    String productName;

    @Option(names = "--product_auth", paramLabel = "AUTH", description = "override product_auth of the configuration.")
    String productAuth;

    @Option(names = "--session_auth", paramLabel = "AUTH", description = "override session_auth of the configuration.")
    String sessionAuth;

    @Option(names = "--default-config", description = "print the default configuration and exit.")
    boolean defaultConfig;

    public static void main(String[] args) {
        System.exit(CommandLines.execute("codis-proxy", new ProxyMain(), args));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (defaultConfig) {
            System.out.print(ProxyConfig.defaultToml());
            return CommandLines.EXIT_OK;
        }
        checkOptions();
        process.log().configureLogging();
        ProxyConfig loaded = loadConfig();
        if (ulimit != null) {
            OpenFilesLimit.require(ulimit);
        }
        List<Slot> slots = fillslots == null ? null : SlotsFile.read(fillslots);
        int ncpu = process.ncpu(DEFAULT_NCPU);
        int max = Math.max(ncpu, maxNcpu != null ? maxNcpu : Runtime.getRuntime().availableProcessors());
        LOG.warn("set ncpu = {}, max-ncpu = {}", ncpu, max);
        LOG.warn("create proxy with config\n{}", loaded.toToml());
        ProxyServer server;
        try {
            server = ProxyServer.start(loaded, AdvertisedAddresses.ofThisHost(), ncpu, max);
        } catch (RuntimeException e) {
            throw new FatalError("create proxy with config failed, " + e.getMessage(), e);
        }
        return run(server, slots);
    }

    private int run(ProxyServer server, List<Slot> slots) throws InterruptedException {
        ProxyInstance proxy = server.proxy();
        // before the pidfile: whoever sees the pidfile may signal the process at once
        ProcessSignals.onTermination(signal -> {
            LOG.warn("{} proxy receive signal = '{}'", server.tag(), signal);
            proxy.close();
        });
        PidFile pid = process.pidFile() == null ? null : PidFile.write(process.pidFile());
        AtomicReference<FatalError> failure = new AtomicReference<>();
        Thread onlineTask = new Thread(() -> goOnline(proxy, slots, failure), "proxy-online");
        onlineTask.setDaemon(true);
        onlineTask.start();

        boolean settled = false;
        while (!settled) {
            LOG.warn("{} proxy waiting online ...", server.tag());
            settled = proxy.awaitOnlineOrClosed(1000);
        }
        if (!proxy.isClosed()) {
            LOG.warn("{} proxy is working ...", server.tag());
        }
        server.awaitClosed();
        LOG.warn("{} proxy is exiting ...", server.tag());
        if (pid != null) {
            pid.close();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return CommandLines.EXIT_OK;
    }

    /** The online option given: fill the slots and start, or ask the dashboard; none waits for the dashboard to come. */
    private void goOnline(ProxyInstance proxy, List<Slot> slots, AtomicReference<FatalError> failure) {
        try {
            if (slots != null) {
                proxy.fillSlots(slots);
                proxy.start();
            } else if (dashboard != null) {
                new DashboardOnline(proxy, new ApiClient(), DashboardOnline.DASHBOARD_ATTEMPTS, DashboardOnline.PAUSE)
                        .run(() -> dashboard);
            } else if (coordinator.isGiven()) {
                goOnlineThroughCoordinator(proxy);
            }
        } catch (FatalError e) {
            fail(proxy, failure, e);
        } catch (RuntimeException e) {
            fail(proxy, failure, new FatalError((slots != null ? "fill slots failed, " : "online proxy failed, ")
                    + e.getMessage(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code --zookeeper}, {@code --etcd} or {@code --filesystem}: the dashboard's address comes from the coordinator. */
    private void goOnlineThroughCoordinator(ProxyInstance proxy) throws InterruptedException {
        try (Coordinator store = coordinator.open(COORDINATOR_TIMEOUT)) {
            new DashboardOnline(proxy, new ApiClient(), DashboardOnline.COORDINATOR_ATTEMPTS, DashboardOnline.PAUSE)
                    .run(new TopomAddressLookup(store, proxy.config().productName()));
        }
    }

    private static void fail(ProxyInstance proxy, AtomicReference<FatalError> failure, FatalError error) {
        LOG.error("{}", error.getMessage());
        failure.set(error);
        proxy.close();
    }

    /** The defaults, then the --config file, then the command-line overrides, validated at each step. */
    ProxyConfig loadConfig() {
        try {
            ProxyConfig loaded = config == null ? ProxyConfig.defaults() : ProxyConfig.load(config);
            if (productName != null) {
                loaded = loaded.withProductName(productName);
            }
            if (productAuth != null) {
                loaded = loaded.withProductAuth(productAuth);
            }
            if (sessionAuth != null) {
                loaded = loaded.withSessionAuth(sessionAuth);
            }
            if (hostAdmin != null) {
                loaded = loaded.withHostAdmin(hostAdmin);
            }
            if (hostProxy != null) {
                loaded = loaded.withHostProxy(hostProxy);
            }
            return loaded;
        } catch (ConfigException e) {
            throw new FatalError("load config " + (config == null ? "(defaults)" : config) + " failed, " + e.getMessage(), e);
        }
    }

    private void checkOptions() {
        process.log().level();
        OptionRules.requires("--max-ncpu", maxNcpu, "--ncpu", process.hasNcpu() ? process.ncpu(1) : null);
        Map<String, Object> online = options("--dashboard", dashboard);
        online.putAll(coordinator.alternatives());
        online.put("--fillslots", fillslots);
        coordinator.check(online, false);
    }

    /** Help texts that differ from the ones the programs share: {@code --ncpu}'s default, the coordinators' use. */
    public static final class Help extends CoordinatorOptions.Help {
        public Help() {
            super("find the dashboard through ZooKeeper at ADDR and go online.",
                    "find the dashboard through etcd at ADDR and go online.",
                    "find the dashboard through the filesystem coordinator at ROOT and go online.",
                    "ncpu", "number of worker threads, default is " + DEFAULT_NCPU + ".");
        }
    }
}
