package io.codis.dashboard.redis;

import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits, before a replica is made master, until it has received everything its master wrote (its
 * {@code slave_repl_offset} reaches the master's {@code master_repl_offset}), so that the writes the
 * master acknowledged before the proxies stopped sending to it are not lost by the promote. A master
 * that cannot be asked (it is down) has nothing more to give: there is nothing to wait for.
 */
public final class ReplicationCatchUp {
    private static final int CALL_TIMEOUT_MILLIS = 1000;
    private static final long POLL_NANOS = 10_000_000L;

    private ReplicationCatchUp() {
    }

    /**
     * @return true when {@code replica} caught up with {@code master} within {@code patienceMillis}, or
     *     the master could not be asked; false when it did not
     */
    public static boolean await(String master, String replica, String auth, long patienceMillis) {
        long target;
        try {
            target = offset(RedisControl.info(master, auth, CALL_TIMEOUT_MILLIS), "master_repl_offset");
        } catch (RuntimeException e) {
            return true;
        }
        long deadline = System.nanoTime() + patienceMillis * 1_000_000L;
        while (true) {
            try {
                if (offset(RedisControl.info(replica, auth, CALL_TIMEOUT_MILLIS), "slave_repl_offset") >= target) {
                    return true;
                }
            } catch (RuntimeException e) {
                return false;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static long offset(Map<String, String> info, String field) {
        try {
            return Long.parseLong(info.getOrDefault(field, "-1"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
