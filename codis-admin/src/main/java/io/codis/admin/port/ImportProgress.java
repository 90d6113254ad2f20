package io.codis.admin.port;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The counters of one import and the lines it prints: a progress line every second (rewritten in
 * place on a terminal, one line each time otherwise) and the summary at the end. Thread-safe.
 */
final class ImportProgress {
    static final int NAMES_SHOWN = 10;
    static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private final long started = System.nanoTime();
    final AtomicLong loaded = new AtomicLong();
    final AtomicLong expired = new AtomicLong();
    final AtomicLong otherDbs = new AtomicLong();
    final AtomicLong functions = new AtomicLong();
    final AtomicLong applied = new AtomicLong();
    private final List<String> busyKeys = new ArrayList<>();
    private long busy;
    private final Map<String, Long> skipped = new TreeMap<>();
    private final Map<String, Long> failures = new TreeMap<>();
    private final List<String> functionsKept = new ArrayList<>();
    private volatile long snapshotNanos = -1;
    private volatile long streamStarted;
    private long lastLoaded;
    private long lastApplied;
    private long lastTick = System.nanoTime();
    private boolean inPlace;
    private volatile long expectedKeys = -1;

    ImportProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    synchronized void busy(byte[] key) {
        busy++;
        if (busyKeys.size() < NAMES_SHOWN) {
            busyKeys.add(new String(key, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    synchronized void skipped(String why) {
        skipped.merge(why, 1L, Long::sum);
    }

    /** A library of the snapshot that the cluster has already (kept, as keys are without --replace). */
    synchronized void functionsKept(String error) {
        functionsKept.add(error.replaceFirst("^ERR ", ""));
    }

    synchronized void failed(String error) {
        failures.merge(error, 1L, Long::sum);
    }

    /** The keys the snapshot should hold (the source's count when it starts): a terminal shows a bar. */
    void expectKeys(long keys) {
        expectedKeys = keys;
    }

    void snapshotDone() {
        snapshotNanos = System.nanoTime() - started;
        streamStarted = System.nanoTime();
    }

    boolean following() {
        return snapshotNanos >= 0;
    }

    /** Prints the progress line: {@code offset} is the stream's, {@code sourceOffset} the source's (or -1). */
    synchronized void tick(long offset, LongSupplier sourceOffset) {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastTick) / 1e9);
        String line;
        if (!following()) {
            long keys = loaded.get();
            line = String.format("snapshot: %d keys loaded, %.0f keys/s", keys, (keys - lastLoaded) / seconds);
            if (terminal && expectedKeys > 0) {
                line = bar(keys, expectedKeys) + line;
            }
            lastLoaded = keys;
        } else {
            long ops = applied.get();
            long source = sourceOffset.getAsLong();
            line = String.format("stream: offset %d, lag %s, %d ops applied, %.0f ops/s", offset,
                    source < 0 ? "unknown" : Math.max(0, source - offset) + " bytes", ops, (ops - lastApplied) / seconds);
            lastApplied = ops;
        }
        lastTick = now;
        if (terminal) {
            out.print("\r" + line + "\033[K");
            inPlace = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** {@code [#####.....]  50% }: {@code done} of {@code total}, at most full (the source may grow meanwhile). */
    static String bar(long done, long total) {
        long shown = Math.min(done, total);
        int filled = (int) (BAR_WIDTH * shown / total);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] "
                + String.format("%3d%% ", 100 * shown / total);
    }

    /** A line of its own, after the progress line if that is being rewritten in place. */
    synchronized void say(String line) {
        if (inPlace) {
            out.println();
            inPlace = false;
        }
        out.println(line);
        out.flush();
    }

    /** The summary: what was loaded and followed, and everything not written with the reason. */
    synchronized void summary(String source, long offset, boolean followed) {
        long snapshot = snapshotNanos < 0 ? System.nanoTime() - started : snapshotNanos;
        double seconds = Math.max(1e-3, snapshot / 1e9);
        say(String.format("import from %s: %d keys loaded in %.1f s (%.0f keys/s)", source, loaded.get(), seconds,
                loaded.get() / seconds));
        if (busy > 0) {
            say(String.format("%d keys already in the cluster, not overwritten (use --replace): %s%s", busy,
                    String.join(" ", busyKeys), busy > busyKeys.size() ? " ..." : ""));
        }
        if (expired.get() > 0) {
            say(expired.get() + " keys expired before they were copied");
        }
        if (otherDbs.get() > 0) {
            say(otherDbs.get() + " keys of other DBs not copied");
        }
        if (functions.get() > 0) {
            say(functions.get() + " function payloads restored on every group");
        }
        functionsKept.forEach(kept -> say("function libraries not overwritten (use --replace): " + kept));
        if (followed && following()) {
            double streamSeconds = Math.max(1e-3, (System.nanoTime() - streamStarted) / 1e9);
            say(String.format("stream: %d ops applied up to offset %d (%.0f ops/s)", applied.get(), offset,
                    applied.get() / streamSeconds));
        }
        skipped.forEach((why, count) -> say(count + " commands not applied: " + why));
        failures.forEach((error, count) -> say(count + " writes failed: " + error));
    }
}
