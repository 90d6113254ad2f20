package io.codis.dashboard.migrate;

import java.util.List;
import java.util.UUID;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Moves a key too big for one {@code MIGRATE} without blocking either server for long, and without
 * ever having two different live copies:
 * <ol>
 * <li>{@code WATCH key} on the source; {@link ChunkCopy} into a temporary key on the target (with a
 * temporary TTL);</li>
 * <li>{@code WATCH key} on the target, which must not have it, and the source must still have it (a
 * proxy that moved the key on access wins: the temporary copy is dropped);</li>
 * <li>on the target {@code MULTI; PEXPIREAT|PERSIST tmp; RENAMENX tmp key; EXEC}: aborted if anything
 * wrote the key on the target since step 2. From here on a proxy's {@code MIGRATE} of the key fails
 * with {@code BUSYKEY}, so no client reaches the new copy while the old one exists;</li>
 * <li>on the source {@code MULTI; DEL key; EXEC}: aborted if the source copy changed since step 1
 * (a writer behind the proxies' back). Then the new copy, which nobody reached, is deleted again and a
 * later pass retries; if the source copy is gone as well the slot stops with an error naming both.</li>
 * </ol>
 */
final class BigKeyMove {
    private final PassState state;
    private final CopyConflict conflicts;

    BigKeyMove(PassState state, CopyConflict conflicts) {
        this.state = state;
        this.conflicts = conflicts;
    }

    void move(int db, KeyInfo key) {
        Link source = state.source();
        Link target = state.target(key, db);
        byte[] tmp = Cmd.arg("codis-migrate-tmp:" + UUID.randomUUID());
        try {
            source.call(new Cmd(Command.WATCH, key.key()));
            List<Object> head = source.pipeline(List.of(new Cmd(Command.TYPE, key.key()),
                    new Cmd(Command.PEXPIRETIME, key.key())));
            String type = Link.text(head.get(0));
            if (type.equals("none")) {
                return;
            }
            long expireAt = (Long) Link.checked(head.get(1));
            long bytes = new ChunkCopy(source, target, state.settings(), key.key(), tmp).copy(type);
            if (swapIn(db, key, target, tmp, expireAt)) {
                commit(key, target, expireAt, bytes);
            }
        } catch (JedisDataException e) {
            state.tally(key).fail("moving big key '" + KeyText.of(key.key()) + "' to " + target.addr() + ": " + e.getMessage());
        } finally {
            quietly(source, new Cmd(Command.UNWATCH));
            quietly(target, new Cmd(Command.UNWATCH));
            quietly(target, new Cmd(Command.DEL, tmp));
        }
    }

    /** Steps 2 and 3: true when the complete copy now is {@code key} on the target. */
    private boolean swapIn(int db, KeyInfo key, Link target, byte[] tmp, long expireAt) {
        List<Object> onTarget = target.pipeline(List.of(new Cmd(Command.WATCH, key.key()), new Cmd(Command.EXISTS, key.key())));
        boolean targetHas = Long.valueOf(1).equals(Link.checked(onTarget.get(1)));
        boolean sourceHas = Long.valueOf(1).equals(state.source().call(new Cmd(Command.EXISTS, key.key())));
        if (targetHas || !sourceHas) {
            if (targetHas && sourceHas) {
                quietly(target, new Cmd(Command.UNWATCH));
                quietly(state.source(), new Cmd(Command.UNWATCH));
                conflicts.resolve(db, key);
            }
            return false;
        }
        Cmd expiry = expireAt < 0 ? new Cmd(Command.PERSIST, tmp) : new Cmd(Command.PEXPIREAT, tmp, Cmd.arg(expireAt));
        List<Object> replies = target.pipeline(List.of(new Cmd(Command.MULTI), expiry,
                new Cmd(Command.RENAMENX, tmp, key.key()), new Cmd(Command.EXEC)));
        List<?> exec = (List<?>) Link.checked(replies.get(3));
        if (exec == null) {
            return false;
        }
        if (Long.valueOf(1).equals(exec.get(1))) {
            return true;
        }
        if (!expired(expireAt)) {
            throw new JedisDataException(ChunkCopy.EXPIRED);
        }
        return false;
    }

    /** Step 4. */
    private void commit(KeyInfo key, Link target, long expireAt, long bytes) {
        Link source = state.source();
        List<Object> replies = source.pipeline(List.of(new Cmd(Command.MULTI), new Cmd(Command.DEL, key.key()),
                new Cmd(Command.EXEC)));
        if (Link.checked(replies.get(2)) != null) {
            state.credit(key, bytes);
            return;
        }
        if (Long.valueOf(1).equals(source.call(new Cmd(Command.EXISTS, key.key())))) {
            target.call(new Cmd(Command.DEL, key.key()));
        } else if (!expired(expireAt)) {
            throw new JedisDataException("it was removed from " + source.addr() + " while it was copied; the copy on "
                    + target.addr() + " is kept");
        }
    }

    private static boolean expired(long expireAt) {
        return expireAt >= 0 && expireAt <= System.currentTimeMillis();
    }

    private static void quietly(Link link, Cmd cmd) {
        if (link.broken()) {
            return;
        }
        try {
            link.call(cmd);
        } catch (RuntimeException e) {
            // best effort: a temporary copy left behind expires with its TTL
        }
    }
}
