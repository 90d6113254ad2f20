package io.codis.dashboard.migrate;

import io.codis.common.slot.SlotHash;
import io.codis.common.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.Jedis;

/**
 * A source and two target Redis servers shared by a test class, flushed and with their command
 * statistics reset before each test, and helpers to name keys of a slot and run passes.
 */
abstract class MoverServers {
    static RedisServer source;
    static RedisServer targetA;
    static RedisServer targetB;
    private static final List<RedisServer> SERVERS = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        Collections.addAll(SERVERS, RedisServer.start(), RedisServer.start(), RedisServer.start());
        source = SERVERS.get(0);
        targetA = SERVERS.get(1);
        targetB = SERVERS.get(2);
    }

    @AfterAll
    static void stopRedis() {
        SERVERS.forEach(RedisServer::close);
        SERVERS.clear();
    }

    @BeforeEach
    void flushRedis() {
        SERVERS.forEach(server -> {
            try (Jedis jedis = jedis(server)) {
                jedis.flushAll();
                jedis.configResetStat();
            }
        });
    }

    static Jedis jedis(RedisServer server) {
        return new Jedis("127.0.0.1", server.port(), 10_000);
    }

    static MoverSettings settings(int numKeys, long maxBytes, int maxBulks) {
        return new MoverSettings("", Duration.ofSeconds(5), numKeys, maxBytes, maxBulks);
    }

    static Map<Integer, SlotOutcome> pass(RedisServer from, MoverSettings settings, Map<Integer, String> targets) {
        return new SourcePass(from.addr(), settings, new MoveCounters(), BatchPacer.NONE).run(targets);
    }

    /** A key of slot {@code sid}: {@code {tag}name} with a tag that hashes to the slot. */
    static String key(int sid, String name) {
        return "{" + tag(sid) + "}" + name;
    }

    static String tag(int sid) {
        return tagsOfSlot(sid, 1).get(0);
    }

    /** {@code count} different hash tags of slot {@code sid}. */
    static List<String> tagsOfSlot(int sid, int count) {
        List<String> tags = new ArrayList<>();
        for (int i = 0; tags.size() < count; i++) {
            if (SlotHash.slotOf("t" + i) == sid) {
                tags.add("t" + i);
            }
        }
        return tags;
    }

    /** How many times {@code server} ran {@code command} since the statistics were reset. */
    static long calls(RedisServer server, String command) {
        try (Jedis jedis = jedis(server)) {
            for (String line : jedis.info("commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_" + command + ":calls=")) {
                    return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
                }
            }
            return 0;
        }
    }
}
