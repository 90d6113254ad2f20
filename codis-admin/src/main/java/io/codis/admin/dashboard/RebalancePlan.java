package io.codis.admin.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lines {@code codis-admin --rebalance} prints for the dashboard's plan ({@code {"<sid>": gid}}):
 * {@code nothing changes} for an empty plan; otherwise runs of consecutive slots going to the same
 * group, by slot id, as {@code [{beg:04d},{end:04d}] => {gid}}, then {@code done}.
 */
public final class RebalancePlan {
    private RebalancePlan() {
    }

    public static List<String> lines(Map<String, Integer> plan) {
        if (plan == null || plan.isEmpty()) {
            return List.of("nothing changes");
        }
        TreeMap<Integer, Integer> bySlot = new TreeMap<>();
        plan.forEach((sid, gid) -> bySlot.put(Integer.parseInt(sid.strip()), gid));
        List<Integer> sids = new ArrayList<>(bySlot.keySet());
        List<String> lines = new ArrayList<>();
        for (int beg = 0; beg < sids.size(); ) {
            int gid = bySlot.get(sids.get(beg));
            int end = beg + 1;
            while (end < sids.size() && sids.get(end) == sids.get(end - 1) + 1 && bySlot.get(sids.get(end)) == gid) {
                end++;
            }
            lines.add(String.format("[%04d,%04d] => %d", sids.get(beg), sids.get(end - 1), gid));
            beg = end;
        }
        lines.add("done");
        return lines;
    }
}
