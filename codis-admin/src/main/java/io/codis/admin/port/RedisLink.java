package io.codis.admin.port;

import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A pipelined connection to one Redis server or proxy: commands are sent as they come, their replies
 * read by {@link #flush()} in order, each with the tag it was sent with (errors as
 * {@link redis.clients.jedis.exceptions.JedisDataException}s). Not thread-safe.
 */
final class RedisLink implements AutoCloseable {
    /** A reply and the tag of its command. */
    record Reply(Object tag, Object value) {
    }

    private final Address addr;
    private final Connection connection;
    private final List<Object> tags = new ArrayList<>();
    private int db;

    RedisLink(Address addr, String auth) {
        this.addr = addr;
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(5000).socketTimeoutMillis(30000);
        if (auth != null && !auth.isEmpty()) {
            config.password(auth);
        }
        try {
            connection = new Connection(new HostAndPort(addr.host(), addr.port()), config.build());
            connection.connect();
        } catch (JedisException e) {
            throw new ImportFailure(addr + ": " + ImportFailure.messageOf(e));
        }
    }

    Address addr() {
        return addr;
    }

    /** Queues {@code SELECT db} unless the connection is in that DB already (its reply untagged). */
    void select(int target) {
        if (db != target) {
            send(null, Protocol.Command.SELECT, String.valueOf(target).getBytes());
            db = target;
        }
    }

    void send(Object tag, ProtocolCommand command, byte[]... args) {
        send(tag, new CommandArguments(command).addObjects((Object[]) args));
    }

    void send(Object tag, CommandArguments arguments) {
        try {
            connection.sendCommand(arguments);
        } catch (JedisException e) {
            throw new ImportFailure(addr + ": " + ImportFailure.messageOf(e));
        }
        tags.add(tag);
    }

    int pending() {
        return tags.size();
    }

    /** Reads the replies of every command sent since the last flush. */
    List<Reply> flush() {
        if (tags.isEmpty()) {
            return List.of();
        }
        List<Object> values;
        try {
            values = connection.getMany(tags.size());
        } catch (JedisException e) {
            throw new ImportFailure(addr + ": " + ImportFailure.messageOf(e));
        }
        List<Reply> replies = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            replies.add(new Reply(tags.get(i), values.get(i)));
        }
        tags.clear();
        return replies;
    }

    @Override
    public void close() {
        connection.close();
    }
}
