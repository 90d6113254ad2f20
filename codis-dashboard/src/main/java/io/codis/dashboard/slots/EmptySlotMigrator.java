package io.codis.dashboard.slots;

import io.codis.common.slot.SlotHash;
import io.codis.dashboard.redis.RedisControl;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The migrator of this release: a slot whose source is offline, or whose source master holds no key
 * of the slot, is done at once; a live source that still holds keys of the slot fails the action
 * with {@link #NOT_SUPPORTED} (moving keys between live groups comes with the MIGRATE executor).
 */
public final class EmptySlotMigrator implements SlotMigrator {
    public static final String NOT_SUPPORTED = "migration of keys between groups is not supported yet";
    private static final int SCAN_COUNT = 1000;

    private final String auth;
    private final int timeoutMillis;

    public EmptySlotMigrator(String auth, Duration timeout) {
        this.auth = auth;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    @Override
    public long migrateBatch(String source, String target, int sid, int db) {
        if (source.isEmpty()) {
            return 0;
        }
        long keys = countKeys(source, sid, db);
        if (keys > 0) {
            throw new IllegalStateException(NOT_SUPPORTED);
        }
        return 0;
    }

    @Override
    public int nextDb(String source, int db) {
        if (source.isEmpty()) {
            return -1;
        }
        try (Jedis jedis = RedisControl.connect(source, auth, timeoutMillis)) {
            return RedisControl.keyspaceDbs(jedis).stream().filter(n -> n > db).findFirst().orElse(-1);
        }
    }

    /** Scans the whole DB once: the number of keys of slot {@code sid}. */
    private long countKeys(String source, int sid, int db) {
        try (Jedis jedis = RedisControl.connect(source, auth, timeoutMillis)) {
            if (db != 0) {
                jedis.select(db);
            }
            long count = 0;
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams params = new ScanParams().count(SCAN_COUNT);
            do {
                ScanResult<byte[]> page = jedis.scan(cursor.getBytes(StandardCharsets.UTF_8), params);
                for (byte[] key : page.getResult()) {
                    if (SlotHash.slotOf(key) == sid) {
                        count++;
                    }
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            return count;
        }
    }
}
