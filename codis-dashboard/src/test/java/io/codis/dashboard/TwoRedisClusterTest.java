package io.codis.dashboard;

import io.codis.common.testkit.RedisServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.Jedis;

/**
 * Two real Redis servers shared by a test class, and a fresh filesystem coordinator root per test in
 * which tests start their clusters; everything is closed and both servers are flushed after each test.
 */
abstract class TwoRedisClusterTest {
    static RedisServer redis1;
    static RedisServer redis2;

    Path root;
    private final List<Cluster> clusters = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis1 = RedisServer.start();
        redis2 = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis1.close();
        redis2.close();
    }

    @BeforeEach
    void createRoot() {
        root = MemoryDirs.create("codis-dashboard-test");
    }

    @AfterEach
    void stop() {
        clusters.forEach(Cluster::close);
        MemoryDirs.delete(root);
        try (Jedis j1 = new Jedis("127.0.0.1", redis1.port()); Jedis j2 = new Jedis("127.0.0.1", redis2.port())) {
            j1.flushAll();
            j2.flushAll();
        }
    }

    Cluster cluster(String product) {
        return cluster(product, "");
    }

    /** A cluster whose dashboard.toml adds {@code extraToml}. */
    Cluster cluster(String product, String extraToml) {
        Cluster c = new Cluster(root, product, extraToml);
        clusters.add(c);
        return c;
    }
}
