package io.codis.dashboard.slots;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which migrating slots a pass is moving right now, and which ones a removal of their action has
 * halted: no pass takes a halted slot, and a running pass with one stops before its next batch
 * ({@link Halted}), so the removal acts on a slot of which no key is in flight.
 */
final class PassClaims {
    /** Ends a pass because one of its slots was halted; the others go on with the next pass. */
    static final class Halted extends RuntimeException {
        Halted(int sid) {
            super("slot-[" + sid + "] is halted by the removal of its action", null, false, false);
        }
    }

    private final Set<Integer> moving = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Integer> halts = new ConcurrentHashMap<>();

    /** Keeps the passes off slot {@code sid} until as many {@link #resume} calls. */
    void halt(int sid) {
        halts.merge(sid, 1, Integer::sum);
    }

    void resume(int sid) {
        halts.computeIfPresent(sid, (s, n) -> n > 1 ? n - 1 : null);
    }

    boolean halted(int sid) {
        return halts.containsKey(sid);
    }

    /** Throws {@link Halted} when one of {@code sids} is halted. */
    void stopIfHalted(Collection<Integer> sids) {
        for (int sid : sids) {
            if (halted(sid)) {
                throw new Halted(sid);
            }
        }
    }

    /** A pass takes {@code sids}; call under the dashboard's lock, with none of them halted. */
    void claim(Collection<Integer> sids) {
        moving.addAll(sids);
    }

    void release(Collection<Integer> sids) {
        moving.removeAll(sids);
    }

    boolean moving(int sid) {
        return moving.contains(sid);
    }
}
