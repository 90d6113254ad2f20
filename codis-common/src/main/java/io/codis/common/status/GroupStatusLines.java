package io.codis.common.status;

import io.codis.common.model.Group;
import io.codis.common.model.GroupServer;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of {@code codis-admin --dashboard=ADDR --group-status}, one per server, groups by id and
 * servers in order: {@code {S} group-{gid} [{index}] {addr}}, followed when the server has stats by
 * six spaces, {@code ==> } and its master ({@code {master_addr}:{master_link_status}}, or
 * {@code NO:ONE}). The gid is zero-padded to the widest group id, the index to the widest index, the
 * address right-padded to the longest address. {@code {S}} is {@code [?]}, {@code [E]}, {@code [T]}
 * (see {@link StatsSample#problem}), else {@code [ ]} when the master is the expected one
 * ({@code NO:ONE} for index 0, {@code {index-0 addr}:up} for the others) and {@code [X]} when not.
 */
public final class GroupStatusLines {
    private static final String NO_ONE = "NO:ONE";

    private GroupStatusLines() {
    }

    /**
     * One server of a group: the group, its index, the line's {@code group-{gid} [{index}] {addr}}
     * part with the widths of all the lines, and the dashboard's last sample of it (null: none).
     */
    public record ServerLine(Group group, int index, String text, StatsSample sample) {
        public String addr() {
            return group.servers().get(index).addr();
        }
    }

    /** Every server of every group, groups by id and servers in order. */
    public static List<ServerLine> servers(DashboardStats stats) {
        int gidWidth = 0;
        int indexWidth = 0;
        int addrWidth = 0;
        for (Group g : stats.groups()) {
            gidWidth = Math.max(gidWidth, Integer.toString(g.id()).length());
            for (int i = 0; i < g.servers().size(); i++) {
                indexWidth = Math.max(indexWidth, Integer.toString(i).length());
                addrWidth = Math.max(addrWidth, g.servers().get(i).addr().length());
            }
        }
        List<ServerLine> lines = new ArrayList<>();
        for (Group g : stats.groups()) {
            List<GroupServer> servers = g.servers();
            for (int i = 0; i < servers.size(); i++) {
                String addr = servers.get(i).addr();
                String text = "group-" + Padding.zeros(g.id(), gidWidth) + " [" + Padding.zeros(i, indexWidth) + "] "
                        + Padding.right(addr, addrWidth);
                lines.add(new ServerLine(g, i, text, stats.serverSample(addr)));
            }
        }
        return lines;
    }

    public static List<String> of(DashboardStats stats) {
        List<String> lines = new ArrayList<>();
        for (ServerLine server : servers(stats)) {
            String problem = StatsSample.problem(server.sample());
            if (problem != null) {
                lines.add(problem + server.text());
                continue;
            }
            String expected = server.index() == 0 ? NO_ONE : server.group().servers().get(0).addr() + ":up";
            String master = master(server.sample());
            lines.add((master.equals(expected) ? "[ ] " : "[X] ") + server.text() + "      ==> " + master);
        }
        return lines;
    }

    private static String master(StatsSample sample) {
        String masterAddr = sample.stats().path("master_addr").asText("");
        if (masterAddr.isEmpty()) {
            return NO_ONE;
        }
        return masterAddr + ":" + sample.stats().path("master_link_status").asText("");
    }
}
