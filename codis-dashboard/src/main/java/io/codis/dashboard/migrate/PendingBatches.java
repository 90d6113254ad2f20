package io.codis.dashboard.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Keys waiting to be moved, one batch per target, each handed on as soon as it holds
 * {@code numKeys} keys or adding more would pass {@code maxBytes}. A group (the keys of one hash tag)
 * is kept in one batch unless it is bigger than a batch itself; with
 * {@link MoverSettings#oneTagPerBatch()} every group is a batch of its own.
 */
final class PendingBatches {
    private final MoverSettings settings;
    private final BiConsumer<String, List<KeyInfo>> sink;
    private final Map<String, Batch> byTarget = new LinkedHashMap<>();

    PendingBatches(MoverSettings settings, BiConsumer<String, List<KeyInfo>> sink) {
        this.settings = settings;
        this.sink = sink;
    }

    void add(String target, List<KeyInfo> group) {
        Batch batch = byTarget.computeIfAbsent(target, t -> new Batch());
        long groupBytes = group.stream().mapToLong(KeyInfo::bytes).sum();
        if (!batch.keys.isEmpty() && !batch.fits(group.size(), groupBytes)) {
            flush(target);
        }
        for (KeyInfo key : group) {
            if (!batch.keys.isEmpty() && !batch.fits(1, key.bytes())) {
                flush(target);
            }
            batch.add(key);
        }
        if (batch.keys.size() >= settings.numKeys() || settings.oneTagPerBatch()) {
            flush(target);
        }
    }

    /** Hands on every batch that holds keys. */
    void flushAll() {
        for (String target : List.copyOf(byTarget.keySet())) {
            flush(target);
        }
    }

    private void flush(String target) {
        Batch batch = byTarget.get(target);
        if (batch == null || batch.keys.isEmpty()) {
            return;
        }
        List<KeyInfo> keys = List.copyOf(batch.keys);
        batch.clear();
        sink.accept(target, keys);
    }

    private final class Batch {
        private final List<KeyInfo> keys = new ArrayList<>();
        private long bytes;

        boolean fits(int moreKeys, long moreBytes) {
            return keys.size() + moreKeys <= settings.numKeys() && bytes + moreBytes <= settings.maxBytes();
        }

        void add(KeyInfo key) {
            keys.add(key);
            bytes += key.bytes();
        }

        void clear() {
            keys.clear();
            bytes = 0;
        }
    }
}
