package io.codis.dashboard.migrate;

import io.codis.common.slot.SlotHash;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * One pass over one source: scans every DB that {@code INFO keyspace} lists with {@code SCAN … COUNT},
 * keeps the keys of the slots leaving the source and moves them to each slot's target; one pass
 * serves all those slots at once. A slot is empty once a pass reports it {@link SlotOutcome#isEmpty()}.
 * {@link #run} holds its own connections and nothing else: passes over different sources may run at
 * the same time, sharing one {@link MoveCounters}.
 *
 * @param source master of the source group, {@code ""} when it is offline (its slots are empty at once)
 * @param counters where the moved keys and bytes are added up
 */
public record SourcePass(String source, MoverSettings settings, MoveCounters counters, BatchPacer pacer) {
    private static final byte[] START = Cmd.arg("0");
    private static final byte[] SCAN_COUNT = Cmd.arg(1000);

    /**
     * Runs the pass for the slots in {@code targetBySlot} (slot → master of its target group) and tells,
     * per slot, what the pass saw and moved.
     */
    public Map<Integer, SlotOutcome> run(Map<Integer, String> targetBySlot) {
        return run(targetBySlot, Map.of());
    }

    /**
     * {@link #run(Map)}, leaving as they are the keys of {@code staleAtSource} (by slot) found on both
     * sides with different values: their copy on the source is known to be older than the one on the
     * target, which is the one served, and they do not keep their slot from being empty.
     */
    public Map<Integer, SlotOutcome> run(Map<Integer, String> targetBySlot, Map<Integer, Set<DbKey>> staleAtSource) {
        SlotTallies tallies = new SlotTallies(targetBySlot, staleAtSource);
        boolean complete = source.isEmpty() || tallies.isEmpty() || scan(tallies);
        Map<Integer, SlotOutcome> outcomes = new TreeMap<>();
        tallies.all().forEach(tally -> {
            SlotOutcome outcome = tally.outcome(complete);
            outcomes.put(outcome.sid(), outcome);
        });
        return Collections.unmodifiableMap(outcomes);
    }

    /** Scans and moves; false when the source failed before the pass was complete. */
    private boolean scan(SlotTallies tallies) {
        try (Link link = new Link(source, settings); TargetLinks targets = new TargetLinks(settings)) {
            checkTargets(link, targets, tallies);
            KeyMover mover = new KeyMover(new PassState(link, targets, settings, counters, tallies), pacer);
            for (int db : link.keyspaceDbs()) {
                link.select(db);
                scanDb(link, db, tallies, mover);
                mover.flush();
            }
            return true;
        } catch (LinkFailure e) {
            tallies.all().forEach(t -> t.fail(e.describe()));
        } catch (JedisDataException e) {
            tallies.all().forEach(t -> t.fail(source + ": " + e.getMessage()));
        }
        return false;
    }

    /**
     * Stops, before any key moves, the slots whose target cannot be reached or is the source itself
     * (under another address): there a {@code BUSYKEY} would compare a key with itself.
     */
    private static void checkTargets(Link link, TargetLinks targets, SlotTallies tallies) {
        String sourceId = link.runId();
        Map<String, String> problems = new java.util.HashMap<>();
        for (SlotTally tally : tallies.all()) {
            String problem = problems.computeIfAbsent(tally.target(), target -> {
                try {
                    boolean same = sourceId.equals(targets.at(target, 0).runId());
                    return same ? "target " + target + " is the source " + link.addr() + " itself" : "";
                } catch (LinkFailure e) {
                    targets.drop(target);
                    return e.describe();
                }
            });
            if (!problem.isEmpty()) {
                tally.fail(problem);
            }
        }
    }

    private static void scanDb(Link link, int db, SlotTallies tallies, KeyMover mover) {
        byte[] cursor = START;
        do {
            List<?> page = (List<?>) link.call(new Cmd(Command.SCAN, cursor, Cmd.arg("COUNT"), SCAN_COUNT));
            cursor = (byte[]) page.get(0);
            List<byte[]> kept = new java.util.ArrayList<>();
            for (Object item : (List<?>) page.get(1)) {
                byte[] key = (byte[]) item;
                SlotTally tally = tallies.of(SlotHash.slotOf(key));
                if (tally != null) {
                    tally.saw(db);
                    if (!tally.failed()) {
                        kept.add(key);
                    }
                }
            }
            if (!kept.isEmpty()) {
                mover.page(db, kept);
            }
        } while (!Arrays.equals(cursor, START));
    }
}
