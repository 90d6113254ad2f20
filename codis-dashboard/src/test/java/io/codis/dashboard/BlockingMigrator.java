package io.codis.dashboard;

import io.codis.dashboard.slots.SlotMigrator;
import java.util.concurrent.CountDownLatch;

/** Holds every batch until released (or interrupted by a closing dashboard), then reports the slot empty. */
final class BlockingMigrator implements SlotMigrator {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public long migrateBatch(String source, String target, int sid, int db) {
        entered.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        return 0;
    }

    @Override
    public int nextDb(String source, int db) {
        return -1;
    }
}
