package io.codis.dashboard;

import io.codis.common.cli.CommandLines;
import io.codis.common.cli.CoordinatorOptions;
import io.codis.common.cli.FatalError;
import io.codis.common.config.ConfigException;
import io.codis.common.config.DashboardConfig;
import io.codis.common.cli.PidFile;
import io.codis.common.cli.ProcessSignals;
import io.codis.common.coordinator.CodisPaths;
import io.codis.common.rpc.AdvertisedAddresses;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.codis.common.cli.ProcessOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code codis-dashboard}: owns one product's topology in the coordinator and steers its proxies. */
@Command(name = "codis-dashboard", mixinStandardHelpOptions = true, versionProvider = CommandLines.Version.class,
        sortOptions = false, resourceBundle = "io.codis.dashboard.DashboardMain$Help",
        modelTransformer = CoordinatorOptions.WithoutAuth.class,
        customSynopsis = {
            "codis-dashboard [--ncpu=N] [--config=CONF] [--log=FILE] [--log-level=LEVEL] [--host-admin=ADDR]"
                + " [--pidfile=FILE] [--zookeeper=ADDR|--etcd=ADDR|--filesystem=ROOT] [--product_name=NAME]"
                + " [--product_auth=AUTH] [--remove-lock]",
            "codis-dashboard  --default-config",
            "codis-dashboard  --version",
        },
        description = "Owns the topology of one product (groups, servers, slots, proxies) in the coordinator,"
                + " moves slots between groups online and keeps every proxy in step.")
public final class DashboardMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardMain.class);
    private static final Duration COORDINATOR_TIMEOUT = Duration.ofMinutes(1);

    @Mixin
    ProcessOptions process;

    @Option(names = {"-c", "--config"}, paramLabel = "CONF", description = "run with the specific configuration.")
    Path config;

    @Option(names = "--host-admin", paramLabel = "ADDR", description = "advertise this admin address instead of the listen address (NAT, containers).")
    String hostAdmin;

    @Mixin
    CoordinatorOptions coordinator;

    @Option(names = "--product_name", paramLabel = "NAME", description = "override product_name of the configuration.")
    String productName;

    @Option(names = "--product_auth", paramLabel = "AUTH", description = "override product_auth of the configuration.")
    String productAuth;

    @Option(names = "--remove-lock", description = "remove the product's dashboard lock before starting (only when the old dashboard is really dead).")
    boolean removeLock;

    @Option(names = "--default-config", description = "print the default configuration and exit.")
    boolean defaultConfig;

    public static void main(String[] args) {
        System.exit(CommandLines.execute("codis-dashboard", new DashboardMain(), args));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (defaultConfig) {
            System.out.print(DashboardConfig.defaultToml());
            return CommandLines.EXIT_OK;
        }
        coordinator.check(coordinator.alternatives(), false);
        process.log().configureLogging();
        DashboardConfig loaded = loadConfig();
        int ncpu = process.ncpu(Runtime.getRuntime().availableProcessors());
        LOG.warn("set ncpu = {}", ncpu);
        if (hostAdmin != null) {
            LOG.warn("option --host-admin = {}", hostAdmin);
        }
        io.codis.common.coordinator.Coordinator store = CoordinatorOptions.open(loaded.coordinatorName(),
                loaded.coordinatorAddr(), loaded.coordinatorAuth(), COORDINATOR_TIMEOUT);
        if (removeLock) {
            LOG.warn("force remove-lock");
            try {
                store.delete(CodisPaths.topom(loaded.productName()));
                LOG.warn("force remove-lock OK");
            } catch (RuntimeException e) {
                store.close();
                throw new FatalError("force remove-lock failed, " + e.getMessage(), e);
            }
        }
        DashboardServer server;
        try {
            server = DashboardServer.start(loaded, AdvertisedAddresses.ofThisHost(), store, null);
        } catch (RuntimeException e) {
            store.close();
            throw new FatalError("create topom with config file failed, " + e.getMessage(), e);
        }
        LOG.warn("create topom with config\n{}", loaded.toToml());
        return run(server);
    }

    private int run(DashboardServer server) throws InterruptedException {
        String tag = server.dashboard().tag();
        // before the pidfile: whoever sees the pidfile may signal the process at once
        ProcessSignals.onTermination(signal -> {
            LOG.warn("{} dashboard receive signal = '{}'", tag, signal);
            server.dashboard().close();
        });
        PidFile pid = process.pidFile() == null ? null : PidFile.write(process.pidFile());
        try {
            server.goOnline(DashboardServer.LOCK_ATTEMPTS, DashboardServer.LOCK_PAUSE);
        } catch (FatalError e) {
            LOG.error("{}", e.getMessage());
            server.close();
            if (pid != null) {
                pid.close();
            }
            throw e;
        }
        server.awaitClosed();
        LOG.warn("admin shutdown");
        server.close();
        LOG.warn("{} dashboard is exiting ...", tag);
        if (pid != null) {
            pid.close();
        }
        return CommandLines.EXIT_OK;
    }

    /** The defaults, then the --config file, then the command-line overrides, validated at each step. */
    DashboardConfig loadConfig() {
        try {
            DashboardConfig loaded = config == null ? DashboardConfig.defaults() : DashboardConfig.load(config);
            if (coordinator.isGiven()) {
                loaded = loaded.withCoordinator(coordinator.name(), coordinator.addr());
            }
            if (productName != null) {
                loaded = loaded.withProductName(productName);
            }
            if (productAuth != null) {
                loaded = loaded.withProductAuth(productAuth);
            }
            if (hostAdmin != null) {
                loaded = loaded.withHostAdmin(hostAdmin);
            }
            return loaded;
        } catch (ConfigException e) {
            throw new FatalError("load config " + (config == null ? "(defaults)" : config) + " failed, " + e.getMessage(), e);
        }
    }

    /** The help of the coordinator options, worded for the dashboard. */
    public static final class Help extends CoordinatorOptions.Help {
        public Help() {
            super("use ZooKeeper at ADDR as coordinator.", "use etcd at ADDR (v2 keys API) as coordinator.",
                    "use the directory ROOT as coordinator.");
        }
    }
}
