package io.codis.admin.dashboard;

import io.codis.common.model.Group;
import java.io.PrintWriter;

/**
 * The group forms of {@code codis-admin --dashboard=ADDR}: {@code --create-group},
 * {@code --remove-group}, {@code --resync-group}, {@code --group-add}, {@code --group-del},
 * {@code --replica-groups} and {@code --group-status}.
 */
public final class GroupsCommands {
    private final DashboardClient dashboard;
    private final PrintWriter out;

    public GroupsCommands(DashboardClient dashboard, PrintWriter out) {
        this.dashboard = dashboard;
        this.out = out;
    }

    public void create(int gid) {
        dashboard.put("create-group", null, "group/create", gid);
    }

    public void remove(int gid) {
        dashboard.put("remove-group", null, "group/remove", gid);
    }

    /** {@code --resync-group --gid}: pushes the group's slots to every proxy again. */
    public void resync(int gid) {
        dashboard.put("resync-group", null, "group/resync", gid);
    }

    /** {@code --resync-group --all}: each group of the stats in turn (not {@code resync-all}). */
    public void resyncAll() {
        for (Group g : dashboard.stats().groups()) {
            resync(g.id());
        }
    }

    /** {@code --group-add --gid --addr [--datacenter]}. */
    public void addServer(int gid, String addr, String datacenter) {
        if (datacenter == null || datacenter.isEmpty()) {
            dashboard.put("group-add", null, "group/add", gid, addr);
        } else {
            dashboard.put("group-add", null, "group/add", gid, addr, datacenter);
        }
    }

    /** {@code --group-del --gid --addr}. */
    public void deleteServer(int gid, String addr) {
        dashboard.put("group-del", null, "group/del", gid, addr);
    }

    /** {@code --replica-groups --gid --addr (--enable|--disable)}. */
    public void replicaGroups(int gid, String addr, boolean enable) {
        dashboard.put("replica-groups", null, "group/replica-groups", gid, addr, enable ? 1 : 0);
    }

    /** {@code --group-status}: one line per server ({@link GroupStatusLines}). */
    public void status() {
        GroupStatusLines.of(dashboard.stats()).forEach(out::println);
        out.flush();
    }
}
