package io.codis.dashboard.slots;

import io.codis.dashboard.migrate.DbKey;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys a slot's move stopped on because source and target each held a different copy, remembered
 * with the group whose copy is the one served: the move's source, which a key the move could not take
 * never left, and which the proxies read it from before the move (during the move they answer it with
 * the {@code BUSYKEY} error). When the action is removed and the slot moves back to that group, these
 * keys are left as they are: the served copy stays there, the other one on the group the slot leaves,
 * where it was before the move. Conflicts found while a slot moves back are not remembered (which copy
 * was served is not known then: the move back stops on them). Kept in memory only: after a restart
 * of the dashboard a move back stops on such keys too, and both copies stay.
 */
final class SplitKeys {
    private record Split(int servedBy, Set<DbKey> keys) {
    }

    private final Map<Integer, Split> bySlot = new ConcurrentHashMap<>();
    private final Set<Integer> movingBack = ConcurrentHashMap.newKeySet();

    /** A pass moving slot {@code sid} out of group {@code source} stopped on {@code keys}. */
    void found(int sid, int source, Set<DbKey> keys) {
        if (keys.isEmpty() || movingBack.contains(sid)) {
            return;
        }
        bySlot.compute(sid, (s, known) -> {
            Set<DbKey> all = new LinkedHashSet<>(keys);
            if (known != null && known.servedBy() == source) {
                all.addAll(known.keys());
            }
            return new Split(source, Set.copyOf(all));
        });
    }

    /** Slot {@code sid}'s action was removed: it moves back to the group it left. */
    void movesBack(int sid) {
        movingBack.add(sid);
    }

    /** The keys of slot {@code sid} whose copy on group {@code target} is the one served. */
    Set<DbKey> servedAt(int sid, int target) {
        Split split = bySlot.get(sid);
        return split != null && split.servedBy() == target ? split.keys() : Set.of();
    }

    /** Slot {@code sid}'s action is complete; returns the keys it left with a copy on each side. */
    Set<DbKey> forget(int sid, int group) {
        Set<DbKey> left = servedAt(sid, group);
        bySlot.remove(sid);
        movingBack.remove(sid);
        return left;
    }
}
