package io.codis.dashboard.migrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Copies a big key from the source into a temporary key on the target, a chunk at a time: a string
 * by {@code GETRANGE}→{@code APPEND} in pieces of maxbytes, a list by {@code LRANGE}→{@code RPUSH},
 * a hash, set or sorted set by {@code HSCAN}/{@code SSCAN}/{@code ZSCAN}→{@code HSET}/{@code SADD}/{@code ZADD},
 * maxbulks elements and at most maxbytes per write; a stream (with its consumer groups) or any other
 * type whole by {@code DUMP}→{@code RESTORE}. Every write also sets the temporary key's TTL.
 */
final class ChunkCopy {
    static final String EXPIRED = "its temporary copy expired before it was complete (migration_timeout too short?)";
    private static final byte[] START = Cmd.arg("0");

    private final Link source;
    private final Link target;
    private final MoverSettings settings;
    private final byte[] key;
    private final byte[] tmp;
    private long bytes;
    private boolean written;

    ChunkCopy(Link source, Link target, MoverSettings settings, byte[] key, byte[] tmp) {
        this.source = source;
        this.target = target;
        this.settings = settings;
        this.key = key;
        this.tmp = tmp;
    }

    /** Copies the key, of {@code type}, into the temporary key; returns the bytes of the values copied. */
    long copy(String type) {
        switch (type) {
            case "string" -> copyString();
            case "list" -> copyList();
            case "hash" -> copyScanned(Command.HSCAN, Command.HSET, 2, false);
            case "set" -> copyScanned(Command.SSCAN, Command.SADD, 1, false);
            case "zset" -> copyScanned(Command.ZSCAN, Command.ZADD, 2, true);
            default -> copyWhole();
        }
        return bytes;
    }

    private void copyString() {
        long length = (Long) source.call(new Cmd(Command.STRLEN, key));
        long chunk = settings.maxBytes();
        for (long from = 0; from < length; from += chunk) {
            byte[] part = (byte[]) source.call(new Cmd(Command.GETRANGE, key, Cmd.arg(from), Cmd.arg(from + chunk - 1)));
            write(Command.APPEND, List.of(part));
        }
    }

    private void copyList() {
        long length = (Long) source.call(new Cmd(Command.LLEN, key));
        for (long from = 0; from < length; from += settings.maxBulks()) {
            List<?> part = (List<?>) source.call(new Cmd(Command.LRANGE, key, Cmd.arg(from),
                    Cmd.arg(from + settings.maxBulks() - 1)));
            if (part.isEmpty()) {
                return;
            }
            writeInParts(Command.RPUSH, elements(part), 1);
        }
    }

    /** A {@code *SCAN} of the key, each page written with {@code write}; {@code swap} turns member/score into score/member. */
    private void copyScanned(Command scan, Command write, int unit, boolean swap) {
        byte[] cursor = START;
        do {
            List<?> page = (List<?>) source.call(new Cmd(scan, key, cursor, Cmd.arg("COUNT"), Cmd.arg(settings.maxBulks())));
            cursor = (byte[]) page.get(0);
            List<byte[]> items = elements((List<?>) page.get(1));
            if (swap) {
                for (int i = 0; i + 1 < items.size(); i += 2) {
                    byte[] member = items.get(i);
                    items.set(i, items.get(i + 1));
                    items.set(i + 1, member);
                }
            }
            if (!items.isEmpty()) {
                writeInParts(write, items, unit);
            }
        } while (!Arrays.equals(cursor, START));
    }

    private void copyWhole() {
        byte[] payload = (byte[]) source.call(new Cmd(Command.DUMP, key));
        if (payload == null) {
            throw new JedisDataException("key '" + KeyText.of(key) + "' vanished while copied");
        }
        bytes += payload.length;
        target.call(new Cmd(Command.RESTORE, tmp, Cmd.arg(settings.temporaryTtlMillis()), payload));
    }

    /** Writes {@code items} in commands of at most maxbytes (whole units of {@code unit} items each). */
    private void writeInParts(Command command, List<byte[]> items, int unit) {
        int from = 0;
        long partBytes = 0;
        for (int i = 0; i < items.size(); i += unit) {
            long unitBytes = 0;
            for (int j = i; j < i + unit; j++) {
                unitBytes += items.get(j).length;
            }
            if (i > from && partBytes + unitBytes > settings.maxBytes()) {
                write(command, items.subList(from, i));
                from = i;
                partBytes = 0;
            }
            partBytes += unitBytes;
        }
        write(command, items.subList(from, items.size()));
    }

    /**
     * {@code MULTI; EXISTS tmp; command tmp items…; PEXPIRE tmp ttl; EXEC} on the target; after the first
     * write the temporary key must have existed, or it expired and the copy is incomplete.
     */
    private void write(Command command, List<byte[]> items) {
        byte[][] args = new byte[items.size() + 1][];
        args[0] = tmp;
        for (int i = 0; i < items.size(); i++) {
            args[i + 1] = items.get(i);
            bytes += items.get(i).length;
        }
        List<Object> replies = target.pipeline(List.of(new Cmd(Command.MULTI), new Cmd(Command.EXISTS, tmp),
                new Cmd(command, args), new Cmd(Command.PEXPIRE, tmp, Cmd.arg(settings.temporaryTtlMillis())),
                new Cmd(Command.EXEC)));
        replies.forEach(Link::checked);
        List<?> results = (List<?>) replies.get(4);
        if (results == null) {
            throw new JedisDataException("its copy on " + target.addr() + " was aborted");
        }
        results.forEach(Link::checked);
        if (written && Long.valueOf(0).equals(results.get(0))) {
            throw new JedisDataException(EXPIRED);
        }
        written = true;
    }

    private static List<byte[]> elements(List<?> reply) {
        List<byte[]> out = new ArrayList<>(reply.size());
        reply.forEach(e -> out.add((byte[]) e));
        return out;
    }
}
