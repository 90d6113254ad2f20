package io.codis.dashboard;

import io.codis.dashboard.migrate.BatchPacer;
import io.codis.dashboard.migrate.DbKey;
import io.codis.dashboard.migrate.MoveCounters;
import io.codis.dashboard.migrate.SlotOutcome;
import io.codis.dashboard.slots.SlotMigrator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/** Holds every pass until released (or interrupted by a closing dashboard), then reports its slots empty. */
final class BlockingMigrator implements SlotMigrator {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public Map<Integer, SlotOutcome> pass(String source, Map<Integer, String> targetBySlot,
            Map<Integer, Set<DbKey>> staleAtSource, MoveCounters counters, BatchPacer pacer) {
        entered.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        Map<Integer, SlotOutcome> empty = new TreeMap<>();
        targetBySlot.keySet().forEach(sid -> empty.put(sid, new SlotOutcome(sid, new TreeMap<>(), 0, 0, true, null)));
        return empty;
    }
}
