package io.codis.admin.dashboard;

import static io.codis.common.cli.OptionRules.options;
import static java.util.Map.entry;

import io.codis.admin.UnusedOptions;
import io.codis.common.api.DashboardApi;
import io.codis.common.cli.FatalError;
import io.codis.common.cli.OptionRules;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of {@code codis-admin --dashboard=ADDR}, the choice of its form from them (with the
 * {@code --shutdown} and {@code --log-level} it shares with {@code --proxy}), the checks of that
 * form's operands, and the run of the class that does the work.
 */
public final class DashboardForms {
    /** The operands each form takes besides its own flag, as in the usage text. */
    private static final Map<String, List<String>> OPERANDS = Map.ofEntries(
            entry("--slots-assign", List.of("--beg", "--end", "--gid", "--offline", "--confirm")),
            entry("--create-proxy", List.of("--addr")),
            entry("--online-proxy", List.of("--addr")),
            entry("--remove-proxy", List.of("--addr", "--token", "--pid", "--force")),
            entry("--reinit-proxy", List.of("--addr", "--token", "--pid", "--all", "--force")),
            entry("--create-group", List.of("--gid")),
            entry("--remove-group", List.of("--gid")),
            entry("--resync-group", List.of("--gid", "--all")),
            entry("--group-add", List.of("--gid", "--addr", "--datacenter")),
            entry("--group-del", List.of("--gid", "--addr")),
            entry("--replica-groups", List.of("--gid", "--addr", "--enable", "--disable")),
            entry("--promote-server", List.of("--gid", "--addr")),
            entry("--sync-action --create", List.of("--addr")),
            entry("--sync-action --remove", List.of("--addr")),
            entry("--sentinel-add", List.of("--addr")),
            entry("--sentinel-del", List.of("--addr", "--force")),
            entry("--slot-action --create", List.of("--sid", "--gid")),
            entry("--slot-action --remove", List.of("--sid")),
            entry("--slot-action --create-some", List.of("--gid-from", "--gid-to", "--num-slots")),
            entry("--slot-action --create-range", List.of("--beg", "--end", "--gid")),
            entry("--rebalance", List.of("--confirm")));

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

    /** Runs the form chosen with {@code dashboard}; {@code what} is the overview member asked for, if any. */
    /** {@code --confirm}, which the coordinator's {@code --config-restore} takes too. */
    public boolean confirm() {
        return confirm;
    }

    public void run(DashboardApi dashboard, PrintWriter out, PrintWriter err, String what, boolean shutdown, String logLevel,
            UnusedOptions given) {
        String form = OptionRules.chosen(options("--shutdown", shutdown, "--reload", reload, "--log-level", logLevel,
                "--slots-assign", slotsAssign, "--slots-status", slotsStatus, "--list-proxy", listProxy,
                "--create-proxy", createProxy, "--online-proxy", onlineProxy, "--remove-proxy", removeProxy,
                "--reinit-proxy", reinitProxy, "--proxy-status", proxyStatus, "--list-group", listGroup,
                "--create-group", createGroup, "--remove-group", removeGroup, "--resync-group", resyncGroup,
                "--group-add", groupAdd, "--group-del", groupDel, "--group-status", groupStatus,
                "--replica-groups", replicaGroups, "--promote-server", promoteServer, "--sync-action", syncAction,
                "--slot-action", slotAction, "--rebalance", rebalance, "--sentinel-add", sentinelAdd,
                "--sentinel-del", sentinelDel, "--sentinel-resync", sentinelResync), "--dashboard");
        if (what != null && (!form.equals("--dashboard") || !DashboardOverview.MEMBERS.contains(what))) {
            throw new FatalError("unexpected argument '" + what + "' with --dashboard, expected one of "
                    + String.join("|", DashboardOverview.MEMBERS));
        }
        Map<String, Object> actions = switch (form) {
            case "--slot-action" -> options("--create", create, "--remove", remove, "--create-some", createSome,
                    "--create-range", createRange, "--interval", interval, "--disabled", disabled);
            case "--sync-action" -> options("--create", create, "--remove", remove);
            default -> null;
        };
        if (actions != null) {
            OptionRules.exactlyOne(actions);
            form += " " + OptionRules.chosen(actions, null);
        }
        given.refuse("--dashboard", form, OPERANDS.getOrDefault(form, List.of()));
        switch (form) {
            case "--shutdown" -> new DashboardControl(dashboard).shutdown();
            case "--reload" -> new DashboardControl(dashboard).reload();
            case "--log-level" -> new DashboardControl(dashboard).logLevel(logLevel);
            case "--list-proxy" -> new DashboardOverview(dashboard, out).listProxies();
            case "--list-group" -> new DashboardOverview(dashboard, out).listGroups();
            case "--dashboard" -> new DashboardOverview(dashboard, out).print(what);
            default -> {
                if (form.startsWith("--slot") || form.equals("--rebalance")) {
                    runSlots(form, new SlotsCommands(dashboard, out, err));
                } else if (form.startsWith("--sentinel")) {
                    runSentinels(form, dashboard);
                } else if (form.endsWith("-proxy") || form.equals("--proxy-status")) {
                    runProxies(form, new ProxiesCommands(dashboard, out));
                } else {
                    runGroups(form, new GroupsCommands(dashboard, out));
                }
            }
        }
    }

    private void runSlots(String form, SlotsCommands slots) {
        switch (form) {
            case "--slots-assign" -> {
                OptionRules.required("--beg", beg);
                OptionRules.required("--end", end);
                OptionRules.exactlyOne(options("--gid", gid, "--offline", offline));
                checkRange();
                slots.assign(beg, end, offline ? 0 : gid, offline, confirm);
            }
            case "--slots-status" -> slots.status();
            case "--rebalance" -> slots.rebalance(confirm);
            case "--slot-action --create" -> slots.createAction(required("--sid", sid), required("--gid", gid));
            case "--slot-action --remove" -> slots.removeAction(required("--sid", sid));
            case "--slot-action --create-some" -> {
                int from = required("--gid-from", gidFrom);
                int to = required("--gid-to", gidTo);
                int n = required("--num-slots", numSlots);
                if (from == to) {
                    throw new FatalError("--gid-from and --gid-to are the same group " + from + ", no slot would move");
                }
                slots.createSome(from, to, n);
            }
            case "--slot-action --create-range" -> {
                OptionRules.required("--beg", beg);
                OptionRules.required("--end", end);
                OptionRules.required("--gid", gid);
                checkRange();
                slots.createRange(beg, end, gid);
            }
            case "--slot-action --interval" -> slots.interval(interval);
            default -> slots.disabled(disabled);
        }
    }

    private void runProxies(String form, ProxiesCommands proxies) {
        switch (form) {
            case "--create-proxy" -> proxies.create(required("--addr", addr));
            case "--online-proxy" -> proxies.online(required("--addr", addr));
            case "--remove-proxy" -> {
                OptionRules.exactlyOne(options("--addr", addr, "--token", token, "--pid", pid));
                proxies.remove(new ProxiesCommands.ProxySelector(addr, token, pid), force);
            }
            case "--reinit-proxy" -> {
                OptionRules.exactlyOne(options("--addr", addr, "--token", token, "--pid", pid, "--all", all));
                if (all) {
                    proxies.reinitAll();
                } else {
                    proxies.reinit(new ProxiesCommands.ProxySelector(addr, token, pid), force);
                }
            }
            default -> proxies.status();
        }
    }

    private void runSentinels(String form, DashboardApi dashboard) {
        switch (form) {
            case "--sentinel-add" -> dashboard.addSentinel(required("--addr", addr));
            case "--sentinel-del" -> dashboard.deleteSentinel(required("--addr", addr), force);
            default -> dashboard.resyncSentinels();
        }
    }

    private void runGroups(String form, GroupsCommands groups) {
        switch (form) {
            case "--group-status" -> groups.status();
            case "--resync-group" -> {
                OptionRules.atMostOne(options("--gid", gid, "--all", all));
                if (all) {
                    groups.resyncAll();
                } else {
                    groups.resync(required("--gid", gid));
                }
            }
            case "--create-group" -> groups.create(required("--gid", gid));
            case "--remove-group" -> groups.remove(required("--gid", gid));
            case "--group-add" -> groups.addServer(required("--gid", gid), required("--addr", addr), datacenter);
            case "--group-del" -> groups.deleteServer(required("--gid", gid), required("--addr", addr));
            case "--promote-server" -> groups.promote(required("--gid", gid), required("--addr", addr));
            case "--sync-action --create" -> groups.createSyncAction(required("--addr", addr));
            case "--sync-action --remove" -> groups.removeSyncAction(required("--addr", addr));
            default -> {
                int group = required("--gid", gid);
                String server = required("--addr", addr);
                OptionRules.exactlyOne(options("--enable", enable, "--disable", disable));
                groups.replicaGroups(group, server, enable);
            }
        }
    }

    /** Refuses a range that selects no slot, {@code invalid slot range [{beg},{end}]} as the dashboard words it. */
    private void checkRange() {
        if (beg > end) {
            throw new FatalError("invalid slot range [" + beg + "," + end + "], --beg is after --end");
        }
    }

    private static <T> T required(String name, T value) {
        OptionRules.required(name, value);
        return value;
    }
}
