package io.codis.admin.port;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Protocol;

/**
 * A plain client connection to the source, beside the replication link: checks the address and the
 * password before replicating, lists the source's commands (each is parsed from the stream) and
 * reads {@code master_repl_offset} for the lag. Thread-safe.
 */
final class SourceLink implements AutoCloseable {
    private final RedisLink link;

    SourceLink(Address addr, String auth) {
        try {
            link = new RedisLink(addr, auth);
        } catch (ImportFailure e) {
            throw new ImportFailure("source " + e.getMessage());
        }
    }

    /** The name of every command the source knows ({@code COMMAND}), in lower case. */
    synchronized List<String> commandNames() {
        link.send(null, Protocol.Command.COMMAND);
        List<String> names = new ArrayList<>();
        Object reply = link.flush().get(0).value();
        if (reply instanceof List<?> commands) {
            for (Object command : commands) {
                if (command instanceof List<?> info && !info.isEmpty() && info.get(0) instanceof byte[] name) {
                    names.add(new String(name, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        if (names.isEmpty()) {
            throw new ImportFailure("source " + link.addr() + ": COMMAND failed: " + reply);
        }
        return names;
    }

    /** The source's {@code master_repl_offset}, or -1 when it cannot be read. */
    synchronized long masterOffset() {
        try {
            link.send(null, Protocol.Command.INFO, "replication".getBytes(StandardCharsets.US_ASCII));
            Object reply = link.flush().get(0).value();
            if (reply instanceof byte[] info) {
                for (String line : new String(info, StandardCharsets.UTF_8).split("\r\n")) {
                    if (line.startsWith("master_repl_offset:")) {
                        return Long.parseLong(line.substring("master_repl_offset:".length()).trim());
                    }
                }
            }
        } catch (RuntimeException e) {
            // the lag is unknown for now
        }
        return -1;
    }

    /** The keys the source holds in DB {@code db} (all DBs when negative), from {@code INFO keyspace}; -1 when unknown. */
    synchronized long keyCount(int db) {
        try {
            link.send(null, Protocol.Command.INFO, "keyspace".getBytes(StandardCharsets.US_ASCII));
            Object reply = link.flush().get(0).value();
            if (!(reply instanceof byte[] info)) {
                return -1;
            }
            long keys = 0;
            for (String line : new String(info, StandardCharsets.UTF_8).split("\r\n")) {
                if (line.startsWith("db") && line.contains(":keys=")
                        && (db < 0 || line.startsWith("db" + db + ":"))) {
                    String count = line.substring(line.indexOf(":keys=") + ":keys=".length());
                    keys += Long.parseLong(count.substring(0, count.indexOf(',')));
                }
            }
            return keys;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Override
    public synchronized void close() {
        link.close();
    }
}
