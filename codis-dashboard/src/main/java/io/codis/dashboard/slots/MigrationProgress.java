package io.codis.dashboard.slots;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codis.dashboard.migrate.MoveCounters;
import io.codis.dashboard.migrate.SlotOutcome;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * What the slots being migrated have moved so far and how fast, beyond the original's single
 * progress line: {@code slot_action.migration} of the stats. A slot counts from the moment this
 * dashboard starts moving its keys until its action completes; the speed of the whole is measured
 * from the moment the first slot of the current rebalance or range move started: slots that follow
 * one another (with at most {@value #WAVE_GAP_SECONDS} s between one ending and the next starting, as
 * with {@code migration_parallel_slots = 1}) belong to the same move.
 */
public final class MigrationProgress {
    private static final double NANOS_PER_SECOND = 1e9;
    static final long WAVE_GAP_SECONDS = 10;
    private static final long WAVE_GAP_NANOS = WAVE_GAP_SECONDS * 1_000_000_000L;

    private final MoveCounters counters = new MoveCounters();
    private final LongSupplier nanoClock;
    private final Map<Integer, Running> running = new TreeMap<>();
    private long waveStartNanos;
    private long waveStartKeys;
    private long waveStartBytes;
    private long lastEndNanos;
    private boolean everEnded;

    public MigrationProgress() {
        this(System::nanoTime);
    }

    MigrationProgress(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Where the passes add up what they move. */
    public MoveCounters counters() {
        return counters;
    }

    /** Slot {@code sid} starts (or, after an error, goes on) moving its keys. */
    synchronized void started(int sid) {
        if (running.containsKey(sid)) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (running.isEmpty() && (!everEnded || now - lastEndNanos > WAVE_GAP_NANOS)) {
            waveStartNanos = now;
            waveStartKeys = counters.totalKeys();
            waveStartBytes = counters.totalBytes();
        }
        counters.reset(sid);
        running.put(sid, new Running(now, ""));
    }

    /** What the last pass said of a running slot. */
    synchronized void passed(SlotOutcome outcome) {
        running.computeIfPresent(outcome.sid(), (sid, r) -> new Running(r.startNanos(), outcome.status()));
    }

    /** Slot {@code sid}'s action is complete. */
    synchronized void ended(int sid) {
        if (running.remove(sid) != null) {
            lastEndNanos = nanoClock.getAsLong();
            everEnded = true;
        }
    }

    /** {@code {keys_moved, bytes_moved, keys_per_sec, bytes_per_sec, slots: [...]}}. */
    synchronized ObjectNode toJson() {
        long now = nanoClock.getAsLong();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("keys_moved", counters.totalKeys());
        node.put("bytes_moved", counters.totalBytes());
        boolean active = !running.isEmpty();
        node.put("keys_per_sec", active ? rate(counters.totalKeys() - waveStartKeys, now - waveStartNanos) : 0);
        node.put("bytes_per_sec", active ? rate(counters.totalBytes() - waveStartBytes, now - waveStartNanos) : 0);
        var slots = node.putArray("slots");
        running.forEach((sid, r) -> {
            long elapsed = now - r.startNanos();
            slots.addObject()
                    .put("id", sid)
                    .put("keys_moved", counters.keys(sid))
                    .put("bytes_moved", counters.bytes(sid))
                    .put("keys_per_sec", rate(counters.keys(sid), elapsed))
                    .put("bytes_per_sec", rate(counters.bytes(sid), elapsed))
                    .put("status", r.status());
        });
        return node;
    }

    private static long rate(long amount, long nanos) {
        return nanos <= 0 ? 0 : Math.round(amount * NANOS_PER_SECOND / nanos);
    }

    private record Running(long startNanos, String status) {
    }
}
