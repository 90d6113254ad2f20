package io.codis.dashboard;

import io.codis.common.cli.CommandLines;
import io.codis.common.cli.FatalError;
import io.codis.common.config.ConfigException;
import io.codis.common.config.DashboardConfig;
import io.codis.common.cli.NotImplementedYet;
import io.codis.common.cli.ProcessOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code codis-dashboard}: owns one product's topology in the coordinator and steers its proxies. */
@Command(name = "codis-dashboard", mixinStandardHelpOptions = true, versionProvider = CommandLines.Version.class,
        sortOptions = false,
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

    @Mixin
    ProcessOptions process;

    @Option(names = {"-c", "--config"}, paramLabel = "CONF", description = "run with the specific configuration.")
    Path config;

    @Option(names = "--host-admin", paramLabel = "ADDR", description = "advertise this admin address instead of the listen address (NAT, containers).")
    String hostAdmin;

    @ArgGroup(exclusive = true)
    Coordinator coordinator;

    @Option(names = "--product_name", paramLabel = "NAME", description = "override product_name of the configuration.")
    String productName;

    @Option(names = "--product_auth", paramLabel = "AUTH", description = "override product_auth of the configuration.")
    String productAuth;

    @Option(names = "--remove-lock", description = "remove the product's dashboard lock before starting (only when the old dashboard is really dead).")
    boolean removeLock;

    @Option(names = "--default-config", description = "print the default configuration and exit.")
    boolean defaultConfig;

    static final class Coordinator {
        @Option(names = "--zookeeper", paramLabel = "ADDR", description = "use ZooKeeper at ADDR as coordinator.")
        String zookeeper;

        @Option(names = "--etcd", paramLabel = "ADDR", description = "use etcd at ADDR (v2 keys API) as coordinator.")
        String etcd;

        @Option(names = "--filesystem", paramLabel = "ROOT", description = "use the directory ROOT as coordinator.")
        Path filesystem;

        DashboardConfig applyTo(DashboardConfig config) {
            if (zookeeper != null) {
                return config.withCoordinator("zookeeper", zookeeper);
            }
            if (etcd != null) {
                return config.withCoordinator("etcd", etcd);
            }
            return config.withCoordinator("filesystem", filesystem.toAbsolutePath().toString());
        }
    }

    public static void main(String[] args) {
        System.exit(CommandLines.execute("codis-dashboard", new DashboardMain(), args));
    }

    @Override
    public Integer call() {
        if (defaultConfig) {
            System.out.print(DashboardConfig.defaultToml());
            return CommandLines.EXIT_OK;
        }
        process.log().level();
        loadConfig();
        throw NotImplementedYet.feature("running the dashboard");
    }

    /** The defaults, then the --config file, then the command-line overrides, validated at each step. */
    DashboardConfig loadConfig() {
        try {
            DashboardConfig loaded = config == null ? DashboardConfig.defaults() : DashboardConfig.load(config);
            if (coordinator != null) {
                loaded = coordinator.applyTo(loaded);
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
}
