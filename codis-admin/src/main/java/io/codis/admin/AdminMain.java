package io.codis.admin;

import static io.codis.common.cli.OptionRules.options;

import io.codis.admin.dashboard.DashboardForms;
import io.codis.admin.proxy.ProxyCommands;
import io.codis.admin.port.ClusterView;
import io.codis.admin.port.ImportForm;
import io.codis.admin.port.ImportSettings;
import io.codis.admin.port.SourceImport;
import io.codis.admin.proxy.ProxyForms;
import io.codis.admin.store.StoreForms;
import io.codis.common.api.DashboardApi;
import io.codis.common.api.ProxyApi;
import io.codis.common.cli.CommandLines;
import io.codis.common.cli.CoordinatorOptions;
import io.codis.common.cli.FatalError;
import io.codis.common.cli.OptionRules;
import io.codis.common.log.LogLevel;
import io.codis.common.log.Logs;
import io.codis.common.rpc.ApiClient;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code codis-admin}: the operator's command-line tool for dashboards, proxies and the coordinator. */
@Command(name = "codis-admin", mixinStandardHelpOptions = true, versionProvider = CommandLines.Version.class,
        sortOptions = false,
        customSynopsis = {
            "codis-admin [-v] --proxy=ADDR [--auth=AUTH] [config|model|stats|slots]",
            "codis-admin [-v] --proxy=ADDR [--auth=AUTH]  --start",
            "codis-admin [-v] --proxy=ADDR [--auth=AUTH]  --shutdown",
            "codis-admin [-v] --proxy=ADDR [--auth=AUTH]  --log-level=LEVEL",
            "codis-admin [-v] --proxy=ADDR [--auth=AUTH]  --fillslots=FILE [--locked]",
            "codis-admin [-v] --proxy=ADDR [--auth=AUTH]  --reset-stats",
            "codis-admin [-v] --proxy=ADDR [--auth=AUTH]  --forcegc",
            "codis-admin [-v] --dashboard=ADDR           [config|model|stats|slots|group|proxy]",
            "codis-admin [-v] --dashboard=ADDR            --shutdown",
            "codis-admin [-v] --dashboard=ADDR            --reload",
            "codis-admin [-v] --dashboard=ADDR            --log-level=LEVEL",
            "codis-admin [-v] --dashboard=ADDR            --slots-assign   --beg=ID --end=ID (--gid=ID|--offline) [--confirm]",
            "codis-admin [-v] --dashboard=ADDR            --slots-status",
            "codis-admin [-v] --dashboard=ADDR            --list-proxy",
            "codis-admin [-v] --dashboard=ADDR            --create-proxy   --addr=ADDR",
            "codis-admin [-v] --dashboard=ADDR            --online-proxy   --addr=ADDR",
            "codis-admin [-v] --dashboard=ADDR            --remove-proxy  (--addr=ADDR|--token=TOKEN|--pid=ID)       [--force]",
            "codis-admin [-v] --dashboard=ADDR            --reinit-proxy  (--addr=ADDR|--token=TOKEN|--pid=ID|--all) [--force]",
            "codis-admin [-v] --dashboard=ADDR            --proxy-status",
            "codis-admin [-v] --dashboard=ADDR            --list-group",
            "codis-admin [-v] --dashboard=ADDR            --create-group   --gid=ID",
            "codis-admin [-v] --dashboard=ADDR            --remove-group   --gid=ID",
            "codis-admin [-v] --dashboard=ADDR            --resync-group  [--gid=ID | --all]",
            "codis-admin [-v] --dashboard=ADDR            --group-add      --gid=ID --addr=ADDR [--datacenter=DATACENTER]",
            "codis-admin [-v] --dashboard=ADDR            --group-del      --gid=ID --addr=ADDR",
            "codis-admin [-v] --dashboard=ADDR            --group-status",
            "codis-admin [-v] --dashboard=ADDR            --replica-groups --gid=ID --addr=ADDR (--enable|--disable)",
            "codis-admin [-v] --dashboard=ADDR            --promote-server --gid=ID --addr=ADDR",
            "codis-admin [-v] --dashboard=ADDR            --sync-action    --create --addr=ADDR",
            "codis-admin [-v] --dashboard=ADDR            --sync-action    --remove --addr=ADDR",
            "codis-admin [-v] --dashboard=ADDR            --slot-action    --create --sid=ID --gid=ID",
            "codis-admin [-v] --dashboard=ADDR            --slot-action    --remove --sid=ID",
            "codis-admin [-v] --dashboard=ADDR            --slot-action    --create-some  --gid-from=ID --gid-to=ID --num-slots=N",
            "codis-admin [-v] --dashboard=ADDR            --slot-action    --create-range --beg=ID --end=ID --gid=ID",
            "codis-admin [-v] --dashboard=ADDR            --slot-action    --interval=VALUE",
            "codis-admin [-v] --dashboard=ADDR            --slot-action    --disabled=VALUE",
            "codis-admin [-v] --dashboard=ADDR            --rebalance     [--confirm]",
            "codis-admin [-v] --dashboard=ADDR            --sentinel-add   --addr=ADDR",
            "codis-admin [-v] --dashboard=ADDR            --sentinel-del   --addr=ADDR [--force]",
            "codis-admin [-v] --dashboard=ADDR            --sentinel-resync",
            "codis-admin [-v] --remove-lock               --product=NAME (--zookeeper=ADDR [--zookeeper-auth=USR:PWD]|--etcd=ADDR [--etcd-auth=USR:PWD]|--filesystem=ROOT)",
            "codis-admin [-v] --config-dump               --product=NAME (--zookeeper=ADDR [--zookeeper-auth=USR:PWD]|--etcd=ADDR [--etcd-auth=USR:PWD]|--filesystem=ROOT) [-1]",
            "codis-admin [-v] --config-convert=FILE",
            "codis-admin [-v] --config-restore=FILE       --product=NAME (--zookeeper=ADDR [--zookeeper-auth=USR:PWD]|--etcd=ADDR [--etcd-auth=USR:PWD]|--filesystem=ROOT) [--confirm]",
            "codis-admin [-v] --dashboard-list                           (--zookeeper=ADDR [--zookeeper-auth=USR:PWD]|--etcd=ADDR [--etcd-auth=USR:PWD]|--filesystem=ROOT)",
            "codis-admin [-v] --import --from=HOST:PORT [--from-auth=AUTH] [--db=N|--all-dbs] (--dashboard=ADDR|--proxy=ADDR) [--auth=AUTH] [--rate=OPS] [--no-follow] [--replace]",
        },
        description = "Drives a dashboard or a proxy through its admin API, and reads or writes a product's"
                + " topology in the coordinator directly.")
public final class AdminMain implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-v", description = "log at DEBUG, including every remote call.")
    boolean verbose;

    // Targets.
    @Option(names = "--proxy", paramLabel = "ADDR", description = "the proxy's admin address.")
    String proxy;

    @Option(names = {"-a", "--auth"}, paramLabel = "AUTH", description = "the product_auth of the proxy.")
    String auth;

    @Option(names = "--dashboard", paramLabel = "ADDR", description = "the dashboard's admin address.")
    String dashboard;

    @Parameters(arity = "0..1", paramLabel = "WHAT", description = "config|model|stats|slots (proxy), or also group|proxy (dashboard): print that part of the overview.")
    String what;

    @Mixin
    ProxyForms proxyForms;

    @Mixin
    DashboardForms dashboardForms;

    @Mixin
    StoreForms storeForms;

    @Mixin
    ImportForm importForm;

    @Mixin
    CoordinatorOptions coordinator;

    public static void main(String[] args) {
        System.exit(CommandLines.execute("codis-admin", new AdminMain(), args));
    }

    @Override
    public Integer call() {
        Map<String, Object> targets = options("--proxy", proxy, "--dashboard", dashboard);
        targets.putAll(storeForms.forms());
        if (importForm.requested() && proxy == null && dashboard == null) {
            throw new FatalError("--import needs --dashboard=ADDR or --proxy=ADDR");
        }
        if (targets.values().stream().allMatch(v -> v == null || Boolean.FALSE.equals(v))) {
            throw new FatalError("one of " + String.join(", ", targets.keySet()) + " is required");
        }
        Logs.configure(null, verbose ? LogLevel.DEBUG : LogLevel.INFO);
        OptionRules.atMostOne(targets);
        PrintWriter out = spec.commandLine().getOut();
        UnusedOptions given = UnusedOptions.of(spec);
        if (importForm.requested()) {
            given.refuse(proxy != null ? "--proxy" : "--dashboard", "--import", ImportForm.OPTIONS);
            runImport(out);
        } else if (proxy != null) {
            proxyForms.run(new ProxyCommands(proxy, auth, new ApiClient(), out), what, given);
        } else if (dashboard != null) {
            Map<String, Object> notForDashboard = options("--dashboard", dashboard, "--auth", auth);
            notForDashboard.putAll(proxyForms.proxyOnly());
            OptionRules.atMostOne(notForDashboard);
            dashboardForms.run(new DashboardApi(new ApiClient(), dashboard, new RemoteCalls("dashboard", dashboard)), out,
                    spec.commandLine().getErr(), what, proxyForms.shutdown(), proxyForms.logLevel(), given);
        } else {
            storeForms.run(coordinator, dashboardForms.confirm(), out, given);
        }
        return CommandLines.EXIT_OK;
    }

    private void runImport(PrintWriter out) {
        ImportSettings settings = importForm.settings(auth);
        ApiClient client = new ApiClient();
        String proxyAdmin = proxy != null ? proxy
                : ClusterView.firstProxyAdmin(new DashboardApi(client, dashboard, new RemoteCalls("dashboard", dashboard)));
        SourceImport.run(settings, new ProxyApi(client, proxyAdmin, new RemoteCalls("proxy", proxyAdmin)), out,
                System.console() != null);
    }
}
