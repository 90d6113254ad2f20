package io.codis.proxy.sentinel;

import io.codis.common.rpc.HostPort;
import java.util.Objects;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** Whether two addresses are the same Redis server: both answer {@code INFO server} (product_auth, 100 ms) with one {@code run_id}. */
final class RunIds {
    private static final int TIMEOUT_MILLIS = 100;

    private final String auth;

    RunIds(String auth) {
        this.auth = auth;
    }

    boolean same(String a, String b) {
        String idA = runId(a);
        return idA != null && Objects.equals(idA, runId(b));
    }

    /** The server's run_id; null when it cannot be asked. */
    private String runId(String addr) {
        try {
            HostPort hp = HostPort.parse(addr);
            DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(TIMEOUT_MILLIS).socketTimeoutMillis(TIMEOUT_MILLIS);
            if (auth != null && !auth.isEmpty()) {
                config.password(auth);
            }
            try (Jedis jedis = new Jedis(new HostAndPort(hp.host(), hp.port()), config.build())) {
                for (String line : jedis.info("server").split("\r?\n")) {
                    if (line.startsWith("run_id:")) {
                        return line.substring("run_id:".length()).strip();
                    }
                }
                return null;
            }
        } catch (RuntimeException e) {
            return null;
        }
    }
}
