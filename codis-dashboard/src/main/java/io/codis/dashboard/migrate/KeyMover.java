package io.codis.dashboard.migrate;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves the keys a pass keeps from each {@code SCAN} page: big keys at once by {@link BigKeyMove},
 * the others grouped by hash tag into {@link PendingBatches} for {@link BatchMigration}. A target
 * that fails stops the slots of the keys in flight to it; a source that fails ends the pass.
 */
final class KeyMover {
    private final PassState state;
    private final BatchMigration migration;
    private final BigKeyMove bigKeys;
    private final PendingBatches batches;
    private final BatchPacer pacer;
    private int db;

    KeyMover(PassState state, BatchPacer pacer) {
        this.state = state;
        this.pacer = pacer;
        CopyConflict conflicts = new CopyConflict(state);
        this.migration = new BatchMigration(state, conflicts);
        this.bigKeys = new BigKeyMove(state, conflicts);
        this.batches = new PendingBatches(state.settings(),
                (target, keys) -> guarded(keys, () -> {
                    pacer.beforeBatch(target);
                    migration.migrate(db, target, keys);
                }));
    }

    /** Moves (or queues) {@code keys}, all of them of slots in the pass, found in {@code db}. */
    void page(int db, List<byte[]> keys) {
        this.db = db;
        Map<ByteBuffer, List<KeyInfo>> byTag = new LinkedHashMap<>();
        for (KeyInfo key : KeyProbe.probe(state.source(), keys, state.settings())) {
            if (!key.exists() || state.tally(key).failed()) {
                continue;
            }
            if (key.big(state.settings())) {
                guarded(List.of(key), () -> {
                    pacer.beforeBatch(state.tally(key).target());
                    bigKeys.move(db, key);
                });
            } else {
                byTag.computeIfAbsent(tagOf(key.key()), t -> new ArrayList<>()).add(key);
            }
        }
        for (List<KeyInfo> group : byTag.values()) {
            batches.add(state.tally(group.get(0)).target(), group);
        }
    }

    /** Moves every queued key; called at the end of each DB. */
    void flush() {
        batches.flushAll();
    }

    private void guarded(List<KeyInfo> keys, Runnable move) {
        try {
            move.run();
        } catch (LinkFailure e) {
            if (e.addr().equals(state.source().addr())) {
                throw e;
            }
            state.targets().drop(e.addr());
            keys.forEach(k -> state.tally(k).fail(e.describe()));
        }
    }

    /** The hash tag of {@code key} (between the first '{' and the next '}'), or the whole key. */
    private static ByteBuffer tagOf(byte[] key) {
        int open = -1;
        for (int i = 0; i < key.length; i++) {
            if (key[i] == '{' && open < 0) {
                open = i;
            } else if (key[i] == '}' && open >= 0) {
                return ByteBuffer.wrap(key, open + 1, i - open - 1).slice();
            }
        }
        return ByteBuffer.wrap(key);
    }
}
