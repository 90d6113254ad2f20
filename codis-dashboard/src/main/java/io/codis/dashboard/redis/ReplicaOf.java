package io.codis.dashboard.redis;

import io.codis.common.rpc.HostPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The sync action's transaction (migration-and-ha.md "Sync actions (SLAVEOF)"): on one server, as one
 * {@code MULTI}/{@code EXEC}, {@code CONFIG SET masterauth}, {@code REPLICAOF} (or
 * {@code REPLICAOF NO ONE}), {@code CONFIG REWRITE} and {@code CLIENT KILL TYPE normal}. Any error
 * fails it, but for a server started without a config file whose only error is that
 * {@code CONFIG REWRITE} has no file to write: the replication is applied, which is a warning.
 */
public final class ReplicaOf {
    /** The master of a server that is to be a master itself. */
    public static final String NO_ONE = "NO:ONE";
    private static final int REWRITE = 2;

    private ReplicaOf() {
    }

    /**
     * Makes {@code addr} replicate from {@code master} ({@link #NO_ONE}: become a master).
     *
     * @return a warning to log, when only {@code CONFIG REWRITE} failed for want of a config file
     * @throws RuntimeException the reason, when the server cannot be reached or a command failed
     */
    public static Optional<String> apply(String addr, String auth, String master, int timeoutMillis) {
        List<String[]> commands = List.of(
                new String[] {"SET", "masterauth", auth == null ? "" : auth},
                replicaOf(master),
                new String[] {"REWRITE"},
                new String[] {"KILL", "TYPE", "normal"});
        Command[] names = {Command.CONFIG, Command.REPLICAOF, Command.CONFIG, Command.CLIENT};
        try (Jedis jedis = RedisControl.connect(addr, auth, timeoutMillis)) {
            jedis.sendCommand(Command.MULTI);
            try {
                for (int i = 0; i < commands.size(); i++) {
                    jedis.sendCommand(names[i], commands.get(i));
                }
            } catch (JedisDataException e) {
                jedis.sendCommand(Command.DISCARD);
                throw e;
            }
            Object replies = jedis.sendCommand(Command.EXEC);
            if (!(replies instanceof List<?> list) || list.size() != commands.size()) {
                throw new IllegalStateException("server-[" + addr + "] EXEC aborted");
            }
            List<String> errors = new ArrayList<>();
            String rewriteError = null;
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof JedisDataException e) {
                    if (i == REWRITE && e.getMessage().contains("without a config file")) {
                        rewriteError = e.getMessage();
                    } else {
                        errors.add(String.join(" ", names[i].name(), commands.get(i)[0]) + ": " + e.getMessage());
                    }
                }
            }
            if (!errors.isEmpty()) {
                throw new IllegalStateException(String.join("; ", errors));
            }
            return Optional.ofNullable(rewriteError).map(text -> "server-[" + addr + "] replicates from " + master
                    + " but CONFIG REWRITE failed (" + text + "): it will not remember it after a restart");
        }
    }

    private static String[] replicaOf(String master) {
        if (NO_ONE.equals(master)) {
            return new String[] {"NO", "ONE"};
        }
        HostPort hp = HostPort.parse(master);
        return new String[] {hp.host(), Integer.toString(hp.port())};
    }
}
