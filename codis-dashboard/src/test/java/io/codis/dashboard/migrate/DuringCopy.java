package io.codis.dashboard.migrate;

import io.codis.common.testkit.RedisServer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/** Runs an action in the background once a big key's temporary copy appears on a target. */
final class DuringCopy {
    private DuringCopy() {
    }

    /** Completes when {@code action} ran; fails if no temporary copy appeared within 30 s. */
    static CompletableFuture<Void> then(RedisServer target, Runnable action) {
        return CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + 30_000_000_000L;
            try (Jedis jedis = new Jedis("127.0.0.1", target.port())) {
                while (jedis.keys("codis-migrate-tmp:*").isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no temporary copy appeared on " + target);
                    }
                    Thread.onSpinWait();
                }
            }
            action.run();
        });
    }

    /** A hash of {@code fields} fields {@code f<i>} = {@code v<i>}. */
    static void fillHash(Jedis jedis, String key, int fields) {
        Pipeline pipeline = jedis.pipelined();
        Map<String, String> chunk = new HashMap<>();
        for (int i = 0; i < fields; i++) {
            chunk.put("f" + i, "v" + i);
            if (chunk.size() == 1000 || i == fields - 1) {
                pipeline.hset(key, chunk);
                chunk = new HashMap<>();
            }
        }
        pipeline.sync();
    }
}
