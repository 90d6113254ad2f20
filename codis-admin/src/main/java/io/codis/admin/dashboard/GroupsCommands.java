package io.codis.admin.dashboard;

import io.codis.common.status.DashboardStats;
import io.codis.common.status.GroupStatusLines;
import io.codis.common.api.DashboardApi;
import io.codis.common.model.Group;
import java.io.PrintWriter;

/**
 * The group forms of {@code codis-admin --dashboard=ADDR}: {@code --create-group},
 * {@code --remove-group}, {@code --resync-group}, {@code --group-add}, {@code --group-del},
 * {@code --replica-groups}, {@code --group-status}, {@code --promote-server} and {@code --sync-action}.
 */
public final class GroupsCommands {
    private final DashboardApi dashboard;
    private final PrintWriter out;

    public GroupsCommands(DashboardApi dashboard, PrintWriter out) {
        this.dashboard = dashboard;
        this.out = out;
    }

    public void create(int gid) {
        dashboard.createGroup(gid);
    }

    public void remove(int gid) {
        dashboard.removeGroup(gid);
    }

    /** {@code --resync-group --gid}: pushes the group's slots to every proxy again. */
    public void resync(int gid) {
        dashboard.resyncGroup(gid);
    }

    /** {@code --resync-group --all}: each group of the stats in turn (not {@code resync-all}). */
    public void resyncAll() {
        for (Group g : DashboardStats.of(dashboard.stats()).groups()) {
            resync(g.id());
        }
    }

    /** {@code --group-add --gid --addr [--datacenter]}. */
    public void addServer(int gid, String addr, String datacenter) {
        dashboard.addServer(gid, addr, datacenter);
    }

    /** {@code --group-del --gid --addr}. */
    public void deleteServer(int gid, String addr) {
        dashboard.deleteServer(gid, addr);
    }

    /** {@code --replica-groups --gid --addr (--enable|--disable)}. */
    public void replicaGroups(int gid, String addr, boolean enable) {
        dashboard.replicaGroups(gid, addr, enable);
    }

    /** {@code --promote-server --gid --addr}, then the {@link #status()} lines. */
    public void promote(int gid, String addr) {
        dashboard.promoteServer(gid, addr);
        status();
    }

    /** {@code --sync-action --create --addr}. */
    public void createSyncAction(String addr) {
        dashboard.createSyncAction(addr);
    }

    /** {@code --sync-action --remove --addr}. */
    public void removeSyncAction(String addr) {
        dashboard.removeSyncAction(addr);
    }

    /** {@code --group-status}: one line per server ({@link GroupStatusLines}). */
    public void status() {
        GroupStatusLines.of(DashboardStats.of(dashboard.stats())).forEach(out::println);
        out.flush();
    }
}
