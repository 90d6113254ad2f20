package io.codis.admin.ha;

import io.codis.common.testkit.RedisServer;
import io.codis.dashboard.redis.RedisControl;
import java.util.Map;
import redis.clients.jedis.Jedis;

/** Redis servers for the HA tests: any of them can become a master, so a replica's full sync starts at once. */
final class HaServers {
    private HaServers() {
    }

    static RedisServer redis(String... args) {
        return RedisServer.builder().args("--repl-diskless-sync-delay", "0").args(args).start();
    }

    static RedisServer replicaOf(RedisServer master) {
        return redis("--replicaof", "127.0.0.1", Integer.toString(master.port()));
    }

    /** {@code INFO replication} of the server. */
    static Map<String, String> replication(RedisServer redis) {
        try (Jedis j = new Jedis("127.0.0.1", redis.port())) {
            return RedisControl.parseInfo(j.info("replication"));
        }
    }

    /** The server replicates from {@code master} with the link up. */
    static boolean replicates(RedisServer replica, RedisServer master) {
        Map<String, String> info = replication(replica);
        return "slave".equals(info.get("role")) && Integer.toString(master.port()).equals(info.get("master_port"))
                && "up".equals(info.get("master_link_status"));
    }
}
