package io.codis.admin.dashboard;

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

    public static List<String> of(DashboardStats stats) {
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
        List<String> lines = new ArrayList<>();
        for (Group g : stats.groups()) {
            List<GroupServer> servers = g.servers();
            for (int i = 0; i < servers.size(); i++) {
                String addr = servers.get(i).addr();
                String line = "group-" + Padding.zeros(g.id(), gidWidth) + " [" + Padding.zeros(i, indexWidth) + "] "
                        + Padding.right(addr, addrWidth);
                StatsSample sample = stats.serverSample(addr);
                String problem = StatsSample.problem(sample);
                if (problem != null) {
                    lines.add(problem + line);
                    continue;
                }
                String expected = i == 0 ? NO_ONE : servers.get(0).addr() + ":up";
                String master = master(sample);
                lines.add((master.equals(expected) ? "[ ] " : "[X] ") + line + "      ==> " + master);
            }
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
