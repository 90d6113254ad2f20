package io.codis.proxy;

import static io.codis.common.cli.OptionRules.options;

import io.codis.common.cli.CommandLines;
import io.codis.common.cli.FatalError;
import io.codis.common.cli.NotImplementedYet;
import io.codis.common.cli.OptionRules;
import io.codis.common.config.ConfigException;
import io.codis.common.config.ProxyConfig;
import io.codis.common.cli.ProcessOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code codis-proxy}: the stateless Redis proxy that routes each key by its slot. */
@Command(name = "codis-proxy", mixinStandardHelpOptions = true, versionProvider = CommandLines.Version.class,
        sortOptions = false,
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

    @Mixin
    ProcessOptions process;

    @Option(names = "--max-ncpu", paramLabel = "MAX", description = "let the number of worker threads grow up to MAX under load.")
    Integer maxNcpu;

    @Option(names = {"-c", "--config"}, paramLabel = "CONF", description = "run with the specific configuration.")
    Path config;

    @Option(names = "--host-admin", paramLabel = "ADDR", description = "advertise this admin address instead of the listen address.")
    String hostAdmin;

    @Option(names = "--host-proxy", paramLabel = "ADDR", description = "advertise this proxy address instead of the listen address.")
    String hostProxy;

    @Option(names = "--dashboard", paramLabel = "ADDR", description = "ask the dashboard at ADDR to put this proxy online.")
    String dashboard;

    @Option(names = "--zookeeper", paramLabel = "ADDR", description = "find the dashboard through ZooKeeper at ADDR and go online.")
    String zookeeper;

    @Option(names = "--zookeeper-auth", paramLabel = "USR:PWD", description = "ZooKeeper digest credentials.")
    String zookeeperAuth;

    @Option(names = "--etcd", paramLabel = "ADDR", description = "find the dashboard through etcd at ADDR and go online.")
    String etcd;

    @Option(names = "--etcd-auth", paramLabel = "USR:PWD", description = "etcd credentials.")
    String etcdAuth;

    @Option(names = "--filesystem", paramLabel = "ROOT", description = "find the dashboard through the filesystem coordinator at ROOT and go online.")
    Path filesystem;

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
    public Integer call() {
        if (defaultConfig) {
            System.out.print(ProxyConfig.defaultToml());
            return CommandLines.EXIT_OK;
        }
        checkOptions();
        loadConfig();
        throw NotImplementedYet.feature("running the proxy");
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
        OptionRules.atMostOne(options("--dashboard", dashboard, "--zookeeper", zookeeper, "--etcd", etcd,
                "--filesystem", filesystem, "--fillslots", fillslots));
        OptionRules.requires("--zookeeper-auth", zookeeperAuth, "--zookeeper", zookeeper);
        OptionRules.requires("--etcd-auth", etcdAuth, "--etcd", etcd);
        if (maxNcpu != null && maxNcpu < process.ncpu(1)) {
            throw new FatalError("option --max-ncpu = " + maxNcpu + ", should be at least --ncpu");
        }
    }
}
