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
 * with it and a later pass tries again.
 */
final class BatchMigration {
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
        try {
            Object reply = state.source().call(new Cmd(Command.MIGRATE, arguments(db, target, keys)));
            if ("OK".equals(Link.text(reply))) {
                keys.forEach(k -> state.credit(k, k.bytes()));
            }
        } catch (JedisDataException e) {
            afterError(db, target, keys, e.getMessage());
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

    private void afterError(int db, String target, List<KeyInfo> keys, String message) {
        List<Object> left = state.source().pipeline(keys.stream().map(k -> new Cmd(Command.EXISTS, k.key())).toList());
        List<KeyInfo> survivors = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (Long.valueOf(0).equals(Link.checked(left.get(i)))) {
                state.credit(keys.get(i), keys.get(i).bytes());
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
    }
}
