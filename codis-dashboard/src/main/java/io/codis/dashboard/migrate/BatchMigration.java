package io.codis.dashboard.migrate;

import io.codis.common.rpc.HostPort;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Moves one batch with {@code MIGRATE host port "" db timeout [AUTH pw] KEYS …} (never {@code REPLACE}).
 * After an error reply, the keys still on the source are the ones not moved: after a {@code BUSYKEY}
 * each is handed to {@link CopyConflict}; after any other error ({@code IOERR}, …) their slots stop
 * with it and a later pass tries again. As {@code MIGRATE} sends TTLs relative to its clock, the moved
 * keys' expiries are then set to the source's {@code PEXPIRETIME} where they differ by no more than the
 * call took (so a TTL a client set meanwhile stays).
 */
final class BatchMigration {
    /** ARGV[1]: tolerance in ms; ARGV[i + 1]: the expiry KEYS[i] had on the source. */
    private static final String SOURCE_EXPIRY = """
            local tolerance = tonumber(ARGV[1])
            for i, k in ipairs(KEYS) do
              local want = tonumber(ARGV[i + 1])
              local now = redis.call('PEXPIRETIME', k)
              if now > 0 and now ~= want and math.abs(now - want) <= tolerance then
                redis.call('PEXPIREAT', k, ARGV[i + 1])
              end
            end
            return 0
            """;

    private final PassState state;
    private final CopyConflict conflicts;

    BatchMigration(PassState state, CopyConflict conflicts) {
        this.state = state;
        this.conflicts = conflicts;
    }

    void migrate(int db, String target, List<KeyInfo> batch) {
        List<KeyInfo> keys = batch.stream().filter(k -> !state.tally(k).failed()).toList();
        if (keys.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        Object reply;
        try {
            reply = state.source().call(new Cmd(Command.MIGRATE, arguments(db, target, keys)));
        } catch (JedisDataException e) {
            List<KeyInfo> moved = afterError(db, target, keys, e.getMessage());
            keepExpiries(db, target, moved, millisSince(start));
            return;
        }
        if ("OK".equals(Link.text(reply))) {
            keys.forEach(k -> state.credit(k, k.bytes()));
            keepExpiries(db, target, keys, millisSince(start));
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000 + 1;
    }

    private void keepExpiries(int db, String target, List<KeyInfo> moved, long toleranceMillis) {
        List<KeyInfo> expiring = moved.stream().filter(k -> k.expireAt() > 0).toList();
        if (expiring.isEmpty()) {
            return;
        }
        List<byte[]> args = new ArrayList<>(expiring.size() + 1);
        args.add(Cmd.arg(toleranceMillis));
        expiring.forEach(k -> args.add(Cmd.arg(k.expireAt())));
        try {
            state.targets().at(target, db).eval(SOURCE_EXPIRY, expiring.stream().map(KeyInfo::key).toList(), args);
        } catch (JedisDataException e) {
            expiring.forEach(k -> state.tally(k).fail("setting the expiry of moved keys on " + target + ": " + e.getMessage()));
        }
    }

    private byte[][] arguments(int db, String target, List<KeyInfo> keys) {
        HostPort hp = HostPort.parse(target);
        List<byte[]> args = new ArrayList<>(keys.size() + 8);
        args.add(Cmd.arg(hp.host()));
        args.add(Cmd.arg(hp.port()));
        args.add(new byte[0]);
        args.add(Cmd.arg(db));
        args.add(Cmd.arg(state.settings().timeoutMillis()));
        if (!state.settings().auth().isEmpty()) {
            args.add(Cmd.arg("AUTH"));
            args.add(Cmd.arg(state.settings().auth()));
        }
        args.add(Cmd.arg("KEYS"));
        keys.forEach(k -> args.add(k.key()));
        return args.toArray(byte[][]::new);
    }

    /** Handles the keys left on the source after an error reply; returns the ones that moved. */
    private List<KeyInfo> afterError(int db, String target, List<KeyInfo> keys, String message) {
        List<Object> left = state.source().pipeline(keys.stream().map(k -> new Cmd(Command.EXISTS, k.key())).toList());
        List<KeyInfo> survivors = new ArrayList<>();
        List<KeyInfo> moved = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (Long.valueOf(0).equals(Link.checked(left.get(i)))) {
                state.credit(keys.get(i), keys.get(i).bytes());
                moved.add(keys.get(i));
            } else {
                survivors.add(keys.get(i));
            }
        }
        boolean busy = message != null && message.contains("BUSYKEY");
        for (KeyInfo key : survivors) {
            if (busy) {
                conflicts.resolve(db, key);
            } else {
                state.tally(key).fail("migrate to " + target + ": " + message);
            }
        }
        return moved;
    }
}
