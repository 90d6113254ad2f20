package io.codis.dashboard.migrate;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A key on both the source and the target (a {@code BUSYKEY}). When both copies hold the same value
 * (identical {@code DUMP}, or for hashes and sets the same fields or members) the target's copy gets
 * the source's expiry and the source's copy is deleted by a script that first checks its
 * {@code DUMP} and expiry are still the ones compared. Otherwise the key's slot stops with an error and
 * both copies stay, unless the source's copy is known to be the older one (a slot moved back after its
 * move stopped on that key): then both stay and the slot goes on without it.
 */
final class CopyConflict {
    /** Deletes KEYS[1] only if its DUMP is still ARGV[1] and its PEXPIRETIME still ARGV[2]. */
    private static final String DELETE_IF_SAME = """
            if redis.call('DUMP', KEYS[1]) == ARGV[1]
                and redis.call('PEXPIRETIME', KEYS[1]) == tonumber(ARGV[2]) then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private final PassState state;

    CopyConflict(PassState state) {
        this.state = state;
    }

    /** Resolves the conflict on {@code key} in {@code db}, or stops its slot; a key gone from either side is left for the next pass. */
    void resolve(int db, KeyInfo key) {
        SlotTally tally = state.tally(key);
        try {
            Link target = state.target(key, db);
            List<?> mine = snapshot(state.source(), key);
            List<?> theirs = snapshot(target, key);
            if (mine.isEmpty() || theirs.isEmpty() || mine.get(0) == null || theirs.get(0) == null) {
                return;
            }
            if (!sameValue(key.type(), mine, theirs)) {
                DbKey both = DbKey.of(db, key.key());
                if (tally.leaves(both)) {
                    tally.left(db);
                    return;
                }
                tally.conflict(both);
                tally.fail(String.format("key '%s' exists on both %s and %s with different values"
                                + "; delete the wrong copy and the migration goes on by itself",
                        KeyText.of(key.key()), state.source().addr(), target.addr()));
                return;
            }
            long expireAt = (Long) mine.get(1);
            target.call(expireAt < 0 ? new Cmd(Command.PERSIST, key.key())
                    : new Cmd(Command.PEXPIREAT, key.key(), Cmd.arg(expireAt)));
            Object deleted = state.source().eval(DELETE_IF_SAME, List.of(key.key()),
                    List.of((byte[]) mine.get(0), Cmd.arg(expireAt)));
            if (Long.valueOf(1).equals(deleted)) {
                state.credit(key, key.bytes());
            }
        } catch (JedisDataException e) {
            tally.fail("key '" + KeyText.of(key.key()) + "' exists on both sides: " + e.getMessage());
        }
    }

    /** DUMP, PEXPIRETIME and, for a hash or a set, its content, read in one transaction (empty if it was aborted). */
    private static List<?> snapshot(Link link, KeyInfo key) {
        List<Cmd> cmds = new ArrayList<>(List.of(new Cmd(Command.MULTI), new Cmd(Command.DUMP, key.key()),
                new Cmd(Command.PEXPIRETIME, key.key())));
        if (key.type().equals("hash")) {
            cmds.add(new Cmd(Command.HGETALL, key.key()));
        } else if (key.type().equals("set")) {
            cmds.add(new Cmd(Command.SMEMBERS, key.key()));
        }
        cmds.add(new Cmd(Command.EXEC));
        List<Object> replies = link.pipeline(cmds);
        replies.forEach(Link::checked);
        List<?> exec = (List<?>) replies.get(replies.size() - 1);
        return exec == null ? List.of() : exec;
    }

    /**
     * Identical DUMPs; or, as a hash's or a set's DUMP follows its hash table's order, which differs
     * between servers, the same fields and values or members.
     */
    private static boolean sameValue(String type, List<?> mine, List<?> theirs) {
        if (Arrays.equals((byte[]) mine.get(0), (byte[]) theirs.get(0))) {
            return true;
        }
        return mine.size() > 2 && mine.get(2) instanceof List<?> ours && theirs.get(2) instanceof List<?> other
                && elements(type, ours).equals(elements(type, other));
    }

    /** A hash's field/value pairs or a set's members, comparable across servers. */
    private static Set<List<ByteBuffer>> elements(String type, List<?> flat) {
        int step = type.equals("hash") ? 2 : 1;
        Set<List<ByteBuffer>> out = new HashSet<>();
        for (int i = 0; i + step <= flat.size(); i += step) {
            out.add(flat.subList(i, i + step).stream().map(b -> ByteBuffer.wrap((byte[]) b)).toList());
        }
        return out;
    }
}
