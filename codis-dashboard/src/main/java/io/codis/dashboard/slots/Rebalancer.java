package io.codis.dashboard.slots;

import io.codis.common.http.ApiError;
import io.codis.common.model.ActionState;
import io.codis.common.model.SlotMapping;
import io.codis.common.slot.SlotHash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The original's rebalance plan (migration-and-ha.md "Rebalance algorithm"). */
public final class Rebalancer {
    private final Map<Integer, Integer> assigned = new HashMap<>();
    private final Map<Integer, List<Integer>> movable = new HashMap<>();
    private final Map<Integer, Integer> moveout = new HashMap<>();

    private Rebalancer() {
    }

    /**
     * @param groupIds the ids of the groups that have at least one server
     * @param slots    all 1024 mappings
     * @return slot id → target group, ascending slot id
     */
    public static TreeMap<Integer, Integer> plan(List<Integer> groupIds, List<SlotMapping> slots) {
        return new Rebalancer().compute(groupIds.stream().sorted().toList(), slots);
    }

    private int size(int gid) {
        return assigned.getOrDefault(gid, 0) + movable.getOrDefault(gid, List.of()).size() - moveout.getOrDefault(gid, 0);
    }

    private TreeMap<Integer, Integer> compute(List<Integer> groups, List<SlotMapping> slots) {
        int n = groups.size();
        if (n == 0) {
            throw new ApiError("no valid group could be found");
        }
        for (SlotMapping m : slots) {
            if (!ActionState.isNothing(m.action().state())) {
                assigned.merge(m.action().targetId(), 1, Integer::sum);
            }
        }
        int lower = SlotHash.SLOT_COUNT / n;
        int upper = (SlotHash.SLOT_COUNT + n - 1) / n;
        for (SlotMapping m : slots) {
            if (ActionState.isNothing(m.action().state()) && m.groupId() != 0) {
                if (size(m.groupId()) < lower) {
                    assigned.merge(m.groupId(), 1, Integer::sum);
                } else {
                    movable.computeIfAbsent(m.groupId(), g -> new ArrayList<>()).add(m.id());
                }
            }
        }
        TreeSet<Integer> tree = new TreeSet<>(Comparator.<Integer>comparingInt(this::size).thenComparingInt(g -> g));
        tree.addAll(groups);
        List<Integer> docking = new ArrayList<>();
        for (SlotMapping m : slots) {
            if (ActionState.isNothing(m.action().state()) && m.groupId() == 0) {
                int g = tree.pollFirst();
                docking.add(m.id());
                moveout.merge(g, -1, Integer::sum);
                tree.add(g);
            }
        }
        while (tree.size() >= 2) {
            int f = tree.pollLast();
            if (movable.getOrDefault(f, List.of()).size() == moveout.getOrDefault(f, 0)) {
                continue;
            }
            int d = tree.pollFirst();
            if (size(f) <= lower || size(d) >= upper || size(f) - size(d) <= 1) {
                break;
            }
            moveout.merge(f, 1, Integer::sum);
            moveout.merge(d, -1, Integer::sum);
            tree.add(f);
            tree.add(d);
        }
        for (Map.Entry<Integer, Integer> out : moveout.entrySet()) {
            if (out.getValue() > 0) {
                List<Integer> list = new ArrayList<>(movable.getOrDefault(out.getKey(), List.of()));
                list.sort(Collections.reverseOrder());
                docking.addAll(list.subList(0, out.getValue()));
            }
        }
        Collections.sort(docking);
        TreeMap<Integer, Integer> plan = new TreeMap<>();
        int next = 0;
        for (int g : groups) {
            int receive = -moveout.getOrDefault(g, 0);
            for (int i = 0; i < receive; i++) {
                plan.put(docking.get(next++), g);
            }
        }
        return plan;
    }
}
