package io.codis.dashboard.migrate;

import io.codis.dashboard.redis.RedisControl;
import java.util.List;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A pass's connection to one Redis server, with the DB it has selected. Error replies throw
 * {@link JedisDataException} (or come back as one inside a pipeline's replies); a broken connection
 * throws {@link LinkFailure}.
 */
final class Link implements AutoCloseable {
    private final String addr;
    private final Jedis jedis;
    private boolean broken;

    /** Dials {@code addr} with the product's password. */
    Link(String addr, MoverSettings settings) {
        this.addr = addr;
        try {
            this.jedis = RedisControl.connect(addr, settings.auth(), settings.socketTimeoutMillis());
        } catch (JedisConnectionException e) {
            throw new LinkFailure(addr, e);
        }
    }

    String addr() {
        return addr;
    }

    void select(int db) {
        try {
            if (jedis.getDB() != db) {
                jedis.select(db);
            }
        } catch (JedisConnectionException e) {
            throw failure(e);
        }
    }

    /** The DB numbers listed by {@code INFO keyspace}. */
    List<Integer> keyspaceDbs() {
        try {
            return RedisControl.keyspaceDbs(jedis);
        } catch (JedisConnectionException e) {
            throw failure(e);
        }
    }

    /** The server's {@code run_id}: two links with the same one reach the same server. */
    String runId() {
        try {
            return RedisControl.parseInfo(jedis.info("server")).get("run_id");
        } catch (JedisConnectionException e) {
            throw failure(e);
        }
    }

    Object call(Cmd cmd) {
        try {
            return jedis.sendCommand(cmd.name(), cmd.args());
        } catch (JedisConnectionException e) {
            throw failure(e);
        }
    }

    Object eval(String script, List<byte[]> keys, List<byte[]> args) {
        try {
            return jedis.eval(Cmd.arg(script), keys, args);
        } catch (JedisConnectionException e) {
            throw failure(e);
        }
    }

    /** Sends the commands in one write and returns their replies in order, errors as {@link JedisDataException}s. */
    List<Object> pipeline(List<Cmd> cmds) {
        try {
            Connection connection = jedis.getConnection();
            for (Cmd cmd : cmds) {
                connection.sendCommand(cmd.name(), cmd.args());
            }
            return connection.getMany(cmds.size());
        } catch (JedisConnectionException e) {
            throw failure(e);
        }
    }

    /** {@code reply}, or the error it carries thrown. */
    static Object checked(Object reply) {
        if (reply instanceof JedisDataException error) {
            throw error;
        }
        return reply;
    }

    /** Whether a call failed with a {@link LinkFailure}: the connection is not to be used again. */
    boolean broken() {
        return broken;
    }

    private LinkFailure failure(JedisConnectionException e) {
        broken = true;
        return new LinkFailure(addr, e);
    }

    /** A status or bulk reply as text. */
    static String text(Object reply) {
        return new String((byte[]) checked(reply), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            jedis.close();
        } catch (RuntimeException e) {
            // the connection is gone either way
        }
    }
}
