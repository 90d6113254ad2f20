package io.codis.dashboard.redis;

import io.codis.common.rpc.HostPort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** Short control connections to a Redis server (INFO, CONFIG GET) with the product's password. */
public final class RedisControl {
    private RedisControl() {
    }

    /**
     * Checks that {@code addr} answers {@code PING} with the product's password; a connection failure
     * reads {@code dial tcp {addr}: {reason}} as in the original.
     */
    public static void probe(String addr, String auth, int timeoutMillis) {
        try (Jedis jedis = connect(addr, auth, timeoutMillis)) {
            jedis.ping();
        }
    }

    /** A connection to {@code addr}, authenticated with {@code auth} when non-empty. */
    public static Jedis connect(String addr, String auth, int timeoutMillis) {
        try {
            return open(addr, auth, timeoutMillis);
        } catch (JedisConnectionException e) {
            throw new JedisConnectionException("dial tcp " + addr + ": " + rootMessage(e), e);
        }
    }

    /** The socket error behind a connection failure (Jedis keeps it as a cause or a suppressed exception). */
    private static String rootMessage(Throwable e) {
        Throwable socket = socketError(e, 0);
        Throwable root = socket != null ? socket : e;
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.toLowerCase(java.util.Locale.ROOT);
    }

    private static Throwable socketError(Throwable e, int depth) {
        if (e == null || depth > 8) {
            return null;
        }
        if (e instanceof java.net.SocketException || e instanceof java.net.SocketTimeoutException
                || e instanceof java.net.UnknownHostException) {
            return e;
        }
        Throwable found = socketError(e.getCause() == e ? null : e.getCause(), depth + 1);
        for (Throwable suppressed : e.getSuppressed()) {
            if (found == null) {
                found = socketError(suppressed, depth + 1);
            }
        }
        return found;
    }

    private static Jedis open(String addr, String auth, int timeoutMillis) {
        HostPort hp = HostPort.parse(addr);
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis).socketTimeoutMillis(timeoutMillis);
        if (auth != null && !auth.isEmpty()) {
            config.password(auth);
        }
        Jedis jedis = new Jedis(new HostAndPort(hp.host(), hp.port()), config.build());
        try {
            jedis.connect();
            return jedis;
        } catch (RuntimeException e) {
            jedis.close();
            throw e;
        }
    }

    /**
     * {@code INFO} as a flat map (lines split at the first {@code :}, sections skipped), plus
     * {@code maxmemory} from {@code CONFIG GET maxmemory} and {@code master_addr} when the server replicates.
     */
    public static Map<String, String> info(String addr, String auth, int timeoutMillis) {
        try (Jedis jedis = connect(addr, auth, timeoutMillis)) {
            jedis.ping();
            Map<String, String> info = parseInfo(jedis.info());
            Map<String, String> maxmemory = jedis.configGet("maxmemory");
            info.put("maxmemory", maxmemory.getOrDefault("maxmemory", "0"));
            String host = info.get("master_host");
            String port = info.get("master_port");
            if (host != null || port != null) {
                info.put("master_addr", (host == null ? "" : host) + ":" + (port == null ? "" : port));
            }
            return info;
        }
    }

    public static Map<String, String> parseInfo(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon < 0) {
                continue;
            }
            out.put(trimmed.substring(0, colon).strip(), trimmed.substring(colon + 1).strip());
        }
        return out;
    }

    /** The DB numbers listed by {@code INFO keyspace} ({@code db0:keys=...}). */
    public static List<Integer> keyspaceDbs(Jedis jedis) {
        return parseInfo(jedis.info("keyspace")).keySet().stream()
                .filter(k -> k.startsWith("db"))
                .map(k -> Integer.parseInt(k.substring(2)))
                .sorted()
                .toList();
    }
}
