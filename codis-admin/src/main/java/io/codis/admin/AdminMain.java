package io.codis.admin;

import static io.codis.common.cli.OptionRules.options;

import io.codis.admin.dashboard.DashboardClient;
import io.codis.admin.dashboard.DashboardControl;
import io.codis.admin.dashboard.DashboardOverview;
import io.codis.admin.dashboard.GroupsCommands;
import io.codis.admin.dashboard.ProxiesCommands;
import io.codis.admin.dashboard.SlotsCommands;
import io.codis.admin.proxy.ProxyCommands;
import io.codis.common.cli.CommandLines;
import io.codis.common.cli.FatalError;
import io.codis.common.cli.NotImplementedYet;
import io.codis.common.cli.OptionRules;
import io.codis.common.log.LogLevel;
import io.codis.common.log.Logs;
import io.codis.common.rpc.ApiClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
        },
        description = "Drives a dashboard or a proxy through its admin API, and reads or writes a product's"
                + " topology in the coordinator directly.")
public final class AdminMain implements Callable<Integer> {
    private static final List<String> PROXY_MEMBERS = List.of("config", "model", "stats", "slots");

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

    // Proxy commands (some shared with the dashboard).
    @Option(names = "--start", description = "put the proxy online.")
    boolean start;

    @Option(names = "--shutdown", description = "shut the proxy or the dashboard down.")
    boolean shutdown;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "change the log level of the proxy or the dashboard.")
    String logLevel;

    @Option(names = "--fillslots", paramLabel = "FILE", description = "fill the proxy's slots from FILE, a JSON array of slots.")
    Path fillslots;

    @Option(names = "--locked", description = "with --fillslots: fill the slots locked.")
    boolean locked;

    @Option(names = "--reset-stats", description = "reset the proxy's counters.")
    boolean resetStats;

    @Option(names = "--forcegc", description = "run a garbage collection in the proxy.")
    boolean forcegc;

    // Dashboard commands.
    @Option(names = "--reload", description = "make the dashboard re-read the coordinator.")
    boolean reload;

    @Option(names = "--slots-assign", description = "assign slots --beg..--end to --gid, or take them --offline.")
    boolean slotsAssign;

    @Option(names = "--beg", paramLabel = "ID", description = "first slot of a range.")
    Integer beg;

    @Option(names = "--end", paramLabel = "ID", description = "last slot of a range.")
    Integer end;

    @Option(names = {"-g", "--gid"}, paramLabel = "ID", description = "a group id.")
    Integer gid;

    @Option(names = "--offline", description = "with --slots-assign: take the slots offline.")
    boolean offline;

    @Option(names = "--confirm", description = "do it, instead of printing what would be done.")
    boolean confirm;

    @Option(names = "--slots-status", description = "print the 1024 slots as proxies see them.")
    boolean slotsStatus;

    @Option(names = "--list-proxy", description = "print the proxies' models.")
    boolean listProxy;

    @Option(names = "--create-proxy", description = "add the proxy whose admin address is --addr.")
    boolean createProxy;

    @Option(names = "--online-proxy", description = "add or re-add the proxy whose admin address is --addr.")
    boolean onlineProxy;

    @Option(names = "--remove-proxy", description = "shut down and remove a proxy.")
    boolean removeProxy;

    @Option(names = "--reinit-proxy", description = "push slots, start and sentinels to a proxy again.")
    boolean reinitProxy;

    @Option(names = {"-x", "--addr"}, paramLabel = "ADDR", description = "a proxy admin address, a server or a sentinel address.")
    String addr;

    @Option(names = {"-t", "--token"}, paramLabel = "TOKEN", description = "a proxy token.")
    String token;

    @Option(names = "--pid", paramLabel = "ID", description = "a proxy id.")
    Integer pid;

    @Option(names = "--all", description = "every proxy, or every group.")
    boolean all;

    @Option(names = "--force", description = "go on even when the proxy or sentinel cannot be reached.")
    boolean force;

    @Option(names = "--proxy-status", description = "print one status line per proxy.")
    boolean proxyStatus;

    @Option(names = "--list-group", description = "print the groups' models.")
    boolean listGroup;

    @Option(names = "--create-group", description = "create group --gid.")
    boolean createGroup;

    @Option(names = "--remove-group", description = "remove group --gid.")
    boolean removeGroup;

    @Option(names = "--resync-group", description = "push the slots of group --gid (or of --all groups) to every proxy again.")
    boolean resyncGroup;

    @Option(names = "--group-add", description = "add server --addr to group --gid.")
    boolean groupAdd;

    @Option(names = "--datacenter", paramLabel = "DATACENTER", description = "with --group-add: the server's datacenter.")
    String datacenter;

    @Option(names = "--group-del", description = "remove server --addr from group --gid.")
    boolean groupDel;

    @Option(names = "--group-status", description = "print one status line per server.")
    boolean groupStatus;

    @Option(names = "--replica-groups", description = "let server --addr serve reads (--enable) or not (--disable).")
    boolean replicaGroups;

    @Option(names = "--enable", description = "with --replica-groups.")
    boolean enable;

    @Option(names = "--disable", description = "with --replica-groups.")
    boolean disable;

    @Option(names = "--promote-server", description = "make server --addr the master of group --gid.")
    boolean promoteServer;

    @Option(names = "--sync-action", description = "--create or --remove the replication action of server --addr.")
    boolean syncAction;

    @Option(names = "--create", description = "with --sync-action or --slot-action.")
    boolean create;

    @Option(names = "--remove", description = "with --sync-action or --slot-action.")
    boolean remove;

    @Option(names = "--slot-action", description = "create, remove or tune slot migrations.")
    boolean slotAction;

    @Option(names = "--sid", paramLabel = "ID", description = "a slot id.")
    Integer sid;

    @Option(names = "--create-some", description = "with --slot-action: move --num-slots slots from --gid-from to --gid-to.")
    boolean createSome;

    @Option(names = "--gid-from", paramLabel = "ID", description = "source group.")
    Integer gidFrom;

    @Option(names = "--gid-to", paramLabel = "ID", description = "target group.")
    Integer gidTo;

    @Option(names = "--num-slots", paramLabel = "N", description = "how many slots.")
    Integer numSlots;

    @Option(names = "--create-range", description = "with --slot-action: move slots --beg..--end to --gid.")
    boolean createRange;

    @Option(names = "--interval", paramLabel = "VALUE", description = "with --slot-action: pause between migration steps, in microseconds.")
    Integer interval;

    @Option(names = "--disabled", paramLabel = "VALUE", description = "with --slot-action: pause (non-zero) or resume (0) migrations.")
    Integer disabled;

    @Option(names = "--rebalance", description = "plan (and with --confirm, start) moving slots so that groups own equal shares.")
    boolean rebalance;

    @Option(names = "--sentinel-add", description = "add sentinel --addr.")
    boolean sentinelAdd;

    @Option(names = "--sentinel-del", description = "remove sentinel --addr.")
    boolean sentinelDel;

    @Option(names = "--sentinel-resync", description = "make every sentinel monitor every group again.")
    boolean sentinelResync;

    // Coordinator commands.
    @Option(names = "--remove-lock", description = "remove the product's dashboard lock.")
    boolean removeLock;

    @Option(names = "--config-dump", description = "print the product's whole topology.")
    boolean configDump;

    @Option(names = "-1", description = "with --config-dump: dump a Codis 1.x/2.x product.")
    boolean codis2;

    @Option(names = "--config-convert", paramLabel = "FILE", description = "convert a Codis 2.x dump to a 3.x one.")
    Path configConvert;

    @Option(names = "--config-restore", paramLabel = "FILE", description = "write a 3.x dump into an empty product.")
    Path configRestore;

    @Option(names = "--dashboard-list", description = "print every product and its dashboard address.")
    boolean dashboardList;

    @Option(names = "--product", paramLabel = "NAME", description = "the product name.")
    String product;

    @Option(names = "--zookeeper", paramLabel = "ADDR", description = "the ZooKeeper coordinator.")
    String zookeeper;

    @Option(names = "--zookeeper-auth", paramLabel = "USR:PWD", description = "ZooKeeper digest credentials.")
    String zookeeperAuth;

    @Option(names = "--etcd", paramLabel = "ADDR", description = "the etcd coordinator.")
    String etcd;

    @Option(names = "--etcd-auth", paramLabel = "USR:PWD", description = "etcd credentials.")
    String etcdAuth;

    @Option(names = "--filesystem", paramLabel = "ROOT", description = "the filesystem coordinator.")
    Path filesystem;

    public static void main(String[] args) {
        System.exit(CommandLines.execute("codis-admin", new AdminMain(), args));
    }

    @Override
    public Integer call() {
        if (proxy == null && dashboard == null && !removeLock && !configDump && configConvert == null
                && configRestore == null && !dashboardList) {
            throw new FatalError("one of --proxy, --dashboard, --remove-lock, --config-dump, --config-convert,"
                    + " --config-restore or --dashboard-list is required");
        }
        Logs.configure(null, verbose ? LogLevel.DEBUG : LogLevel.INFO);
        OptionRules.atMostOne(options("--proxy", proxy, "--dashboard", dashboard));
        if (proxy != null) {
            runProxyCommand();
            return CommandLines.EXIT_OK;
        }
        if (dashboard != null) {
            runDashboardCommand();
            return CommandLines.EXIT_OK;
        }
        throw NotImplementedYet.feature(requestedCommand());
    }

    private void runProxyCommand() {
        OptionRules.atMostOne(options("--start", start, "--shutdown", shutdown, "--log-level", logLevel,
                "--fillslots", fillslots, "--reset-stats", resetStats, "--forcegc", forcegc));
        OptionRules.requires("--locked", locked, "--fillslots", fillslots);
        boolean mutating = start || shutdown || logLevel != null || fillslots != null || resetStats || forcegc;
        if (what != null && (mutating || !PROXY_MEMBERS.contains(what))) {
            throw new FatalError("unexpected argument '" + what + "' with --proxy, expected one of "
                    + String.join("|", PROXY_MEMBERS));
        }
        ProxyCommands commands = new ProxyCommands(proxy, auth, new ApiClient(), spec.commandLine().getOut());
        if (start) {
            commands.start();
        } else if (shutdown) {
            commands.shutdown();
        } else if (logLevel != null) {
            commands.logLevel(logLevel);
        } else if (fillslots != null) {
            commands.fillSlots(fillslots, locked);
        } else if (resetStats) {
            commands.resetStats();
        } else if (forcegc) {
            commands.forceGc();
        } else {
            commands.overview(what);
        }
    }

    private void runDashboardCommand() {
        OptionRules.atMostOne(options("--dashboard", dashboard, "--auth", auth, "--start", start,
                "--fillslots", fillslots, "--reset-stats", resetStats, "--forcegc", forcegc));
        Map<String, Object> commands = options("--shutdown", shutdown, "--reload", reload, "--log-level", logLevel,
                "--slots-assign", slotsAssign, "--slots-status", slotsStatus, "--list-proxy", listProxy,
                "--create-proxy", createProxy, "--online-proxy", onlineProxy, "--remove-proxy", removeProxy,
                "--reinit-proxy", reinitProxy, "--proxy-status", proxyStatus, "--list-group", listGroup,
                "--create-group", createGroup, "--remove-group", removeGroup, "--resync-group", resyncGroup,
                "--group-add", groupAdd, "--group-del", groupDel, "--group-status", groupStatus,
                "--replica-groups", replicaGroups, "--promote-server", promoteServer, "--sync-action", syncAction,
                "--slot-action", slotAction, "--rebalance", rebalance, "--sentinel-add", sentinelAdd,
                "--sentinel-del", sentinelDel, "--sentinel-resync", sentinelResync);
        OptionRules.atMostOne(commands);
        boolean anyCommand = commands.values().stream().anyMatch(v -> v != null && !Boolean.FALSE.equals(v));
        if (what != null && (anyCommand || !DashboardOverview.MEMBERS.contains(what))) {
            throw new FatalError("unexpected argument '" + what + "' with --dashboard, expected one of "
                    + String.join("|", DashboardOverview.MEMBERS));
        }
        if (promoteServer || syncAction || sentinelAdd || sentinelDel || sentinelResync) {
            String refused = promoteServer ? "--promote-server" : syncAction ? "--sync-action"
                    : sentinelAdd ? "--sentinel-add" : sentinelDel ? "--sentinel-del" : "--sentinel-resync";
            throw NotImplementedYet.feature("codis-admin --dashboard " + refused);
        }
        PrintWriter out = spec.commandLine().getOut();
        DashboardClient client = new DashboardClient(dashboard, new ApiClient());
        if (shutdown) {
            new DashboardControl(client).shutdown();
        } else if (reload) {
            new DashboardControl(client).reload();
        } else if (logLevel != null) {
            new DashboardControl(client).logLevel(logLevel);
        } else if (slotsAssign) {
            OptionRules.required("--beg", beg);
            OptionRules.required("--end", end);
            OptionRules.exactlyOne(options("--gid", gid, "--offline", offline));
            new SlotsCommands(client, out).assign(beg, end, offline ? 0 : gid, offline, confirm);
        } else if (slotsStatus) {
            new SlotsCommands(client, out).status();
        } else if (slotAction) {
            runSlotAction(new SlotsCommands(client, out));
        } else if (rebalance) {
            new SlotsCommands(client, out).rebalance(confirm);
        } else if (listProxy) {
            new DashboardOverview(client, out).listProxies();
        } else if (listGroup) {
            new DashboardOverview(client, out).listGroups();
        } else if (createProxy || onlineProxy || removeProxy || reinitProxy || proxyStatus) {
            runProxiesCommand(new ProxiesCommands(client, out));
        } else if (createGroup || removeGroup || resyncGroup || groupAdd || groupDel || replicaGroups || groupStatus) {
            runGroupsCommand(new GroupsCommands(client, out));
        } else {
            new DashboardOverview(client, out).print(what);
        }
    }

    private void runSlotAction(SlotsCommands slots) {
        OptionRules.exactlyOne(options("--create", create, "--remove", remove, "--create-some", createSome,
                "--create-range", createRange, "--interval", interval, "--disabled", disabled));
        if (create) {
            OptionRules.required("--sid", sid);
            OptionRules.required("--gid", gid);
            slots.createAction(sid, gid);
        } else if (remove) {
            OptionRules.required("--sid", sid);
            slots.removeAction(sid);
        } else if (createSome) {
            OptionRules.required("--gid-from", gidFrom);
            OptionRules.required("--gid-to", gidTo);
            OptionRules.required("--num-slots", numSlots);
            slots.createSome(gidFrom, gidTo, numSlots);
        } else if (createRange) {
            OptionRules.required("--beg", beg);
            OptionRules.required("--end", end);
            OptionRules.required("--gid", gid);
            slots.createRange(beg, end, gid);
        } else if (interval != null) {
            slots.interval(interval);
        } else {
            slots.disabled(disabled);
        }
    }

    private void runProxiesCommand(ProxiesCommands proxies) {
        if (createProxy || onlineProxy) {
            OptionRules.required("--addr", addr);
            if (createProxy) {
                proxies.create(addr);
            } else {
                proxies.online(addr);
            }
        } else if (removeProxy) {
            OptionRules.exactlyOne(options("--addr", addr, "--token", token, "--pid", pid));
            proxies.remove(new ProxiesCommands.ProxySelector(addr, token, pid), force);
        } else if (reinitProxy) {
            OptionRules.exactlyOne(options("--addr", addr, "--token", token, "--pid", pid, "--all", all));
            if (all) {
                proxies.reinitAll();
            } else {
                proxies.reinit(new ProxiesCommands.ProxySelector(addr, token, pid), force);
            }
        } else {
            proxies.status();
        }
    }

    private void runGroupsCommand(GroupsCommands groups) {
        if (groupStatus) {
            groups.status();
        } else if (resyncGroup) {
            OptionRules.atMostOne(options("--gid", gid, "--all", all));
            if (all) {
                groups.resyncAll();
            } else {
                OptionRules.required("--gid", gid);
                groups.resync(gid);
            }
        } else if (createGroup || removeGroup) {
            OptionRules.required("--gid", gid);
            if (createGroup) {
                groups.create(gid);
            } else {
                groups.remove(gid);
            }
        } else {
            OptionRules.required("--gid", gid);
            OptionRules.required("--addr", addr);
            if (groupAdd) {
                groups.addServer(gid, addr, datacenter);
            } else if (groupDel) {
                groups.deleteServer(gid, addr);
            } else {
                OptionRules.exactlyOne(options("--enable", enable, "--disable", disable));
                groups.replicaGroups(gid, addr, enable);
            }
        }
    }

    private String requestedCommand() {
        List<String> words = new ArrayList<>();
        if (proxy != null) {
            words.add("--proxy");
        }
        if (dashboard != null) {
            words.add("--dashboard");
        }
        if (removeLock) {
            words.add("--remove-lock");
        }
        if (configDump) {
            words.add("--config-dump");
        }
        if (configConvert != null) {
            words.add("--config-convert");
        }
        if (configRestore != null) {
            words.add("--config-restore");
        }
        if (dashboardList) {
            words.add("--dashboard-list");
        }
        return "codis-admin " + String.join(" ", words);
    }
}
