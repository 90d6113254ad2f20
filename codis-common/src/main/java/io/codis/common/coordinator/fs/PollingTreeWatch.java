package io.codis.common.coordinator.fs;

import io.codis.common.coordinator.CoordinatorListener;
import io.codis.common.coordinator.CoordinatorWatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watch on a directory tree by polling: each round takes a snapshot of every file's identity
 * (inode, mtime, size) below the watched node and reports what appeared, changed or vanished. An
 * update replaces the file by a rename, so even same-size writes within one mtime tick are seen.
 * It does not take the data lock, so it never makes another process's operation fail.
 */
final class PollingTreeWatch implements CoordinatorWatch, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(PollingTreeWatch.class);

    private record Stamp(Object fileKey, long modified, long size, boolean directory) {
    }

    private final String path;
    private final Path file;
    private final Function<Path, String> nodePathOf;
    private final CoordinatorListener listener;
    private final Runnable onClose;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> schedule;
    private Map<String, Stamp> last;

    PollingTreeWatch(String path, Path file, Function<Path, String> nodePathOf, CoordinatorListener listener, Runnable onClose) {
        this.path = path;
        this.file = file;
        this.nodePathOf = nodePathOf;
        this.listener = listener;
        this.onClose = onClose;
        this.last = snapshotOrNull();
        if (last == null) {
            last = Map.of();
        }
    }

    void scheduled(ScheduledFuture<?> schedule) {
        this.schedule = schedule;
    }

    @Override
    public synchronized void run() {
        if (closed) {
            return;
        }
        Map<String, Stamp> now = snapshotOrNull();
        if (now == null) {
            return;
        }
        Set<String> changed = new HashSet<>();
        now.forEach((node, stamp) -> {
            if (!Objects.equals(stamp, last.get(node))) {
                changed.add(node);
            }
        });
        last.keySet().stream().filter(node -> !now.containsKey(node)).forEach(changed::add);
        last = now;
        changed.stream().sorted().forEach(node -> {
            if (!closed) {
                try {
                    listener.changed(node);
                } catch (RuntimeException e) {
                    LOG.warn("fsclient - watch listener of {} failed on {}", path, node, e);
                }
            }
        });
    }

    /** null when the tree changed while it was walked; the next round tries again. */
    private Map<String, Stamp> snapshotOrNull() {
        Map<String, Stamp> stamps = new HashMap<>();
        if (!Files.exists(file)) {
            return stamps;
        }
        try (Stream<Path> files = Files.walk(file)) {
            files.forEach(each -> {
                try {
                    BasicFileAttributes attrs = Files.readAttributes(each, BasicFileAttributes.class);
                    Stamp stamp = attrs.isDirectory()
                            ? new Stamp(null, 0, 0, true)
                            : new Stamp(attrs.fileKey(), attrs.lastModifiedTime().toMillis(), attrs.size(), false);
                    stamps.put(nodePathOf.apply(each), stamp);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return stamps;
        } catch (NoSuchFileException | UncheckedIOException e) {
            return null;
        } catch (IOException e) {
            LOG.warn("fsclient - watch {} failed: {}", path, e.toString());
            return null;
        }
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> current = schedule;
        if (current != null) {
            current.cancel(false);
        }
        onClose.run();
    }

    @Override
    public String toString() {
        return "fs watch " + path;
    }
}
