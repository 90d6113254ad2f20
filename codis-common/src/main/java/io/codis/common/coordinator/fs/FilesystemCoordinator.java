package io.codis.common.coordinator.fs;

import io.codis.common.coordinator.ClosingRegistry;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.CoordinatorException;
import io.codis.common.coordinator.CoordinatorListener;
import io.codis.common.coordinator.CoordinatorWatch;
import io.codis.common.coordinator.EphemeralNode;
import io.codis.common.coordinator.NodeExistsException;
import io.codis.common.coordinator.NodePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Codis filesystem store: node {@code /codis3/p/topom} is the file {@code ROOT/data/codis3/p/topom};
 * writes go to a temp file in {@code ROOT/temp/} that is renamed over the target; every operation
 * holds {@code ROOT/data.lck} (see {@link DataLock}). Ephemeral nodes are not supported, as in the
 * original; watches poll the tree.
 *
 * <p>Durability is the original's: a write replaces its node atomically (readers see the old or the
 * new content, never a mix) and survives a crash of any process, but nothing is fsynced, so a crash
 * of the machine itself may lose the latest writes. ZooKeeper and etcd are the coordinators for that.
 */
public final class FilesystemCoordinator implements Coordinator {
    private static final Logger LOG = LoggerFactory.getLogger("fsclient");
    private static final FileAttribute<Set<PosixFilePermission>> DIR_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"));
    private static final FileAttribute<Set<PosixFilePermission>> TEMP_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    /** How long an operation waits for another process to release the lock before failing. */
    public static final Duration LOCK_WAIT = Duration.ofSeconds(2);
    static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final Path root;
    private final Path dataDir;
    private final Path tempDir;
    private final DataLock lock;
    private final ClosingRegistry resources = new ClosingRegistry();
    private volatile ScheduledExecutorService poller;

    /** Opens (creating if needed) the store at directory {@code root}, made absolute. */
    public FilesystemCoordinator(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.dataDir = this.root.resolve("data");
        this.tempDir = this.root.resolve("temp");
        try {
            Files.createDirectories(this.root, DIR_MODE);
        } catch (IOException e) {
            throw new CoordinatorException("fsclient: cannot create root " + this.root + ": " + e.getMessage(), e);
        }
        this.lock = new DataLock(this.root.resolve("data.lck"), LOCK_WAIT);
    }

    public Path root() {
        return root;
    }

    @Override
    public void create(String path, byte[] data) {
        logged("create", path, () -> {
            Path file = fileOf(path);
            if (Files.exists(file)) {
                throw new NodeExistsException(path);
            }
            write(file, data);
            return null;
        });
    }

    @Override
    public void update(String path, byte[] data) {
        logged("update", path, () -> {
            write(fileOf(path), data);
            return null;
        });
    }

    @Override
    public void delete(String path) {
        logged("delete", path, () -> {
            removeTree(fileOf(path));
            return null;
        });
    }

    @Override
    public Optional<byte[]> read(String path) {
        return locked("read", path, () -> {
            Path file = fileOf(path);
            if (!Files.exists(file)) {
                return Optional.<byte[]>empty();
            }
            if (Files.isDirectory(file)) {
                throw new CoordinatorException("fsclient: read " + path + ": is a directory");
            }
            return Optional.of(io(() -> Files.readAllBytes(file)));
        });
    }

    @Override
    public Optional<List<String>> children(String path) {
        return locked("list", path, () -> {
            Path dir = fileOf(path);
            if (!Files.exists(dir)) {
                return Optional.<List<String>>empty();
            }
            if (!Files.isDirectory(dir)) {
                throw new CoordinatorException("fsclient: list " + path + ": not a directory");
            }
            List<String> children = new ArrayList<>();
            io(() -> {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    entries.forEach(entry -> children.add(NodePaths.join(path, entry.getFileName().toString())));
                }
                return null;
            });
            Collections.sort(children);
            return Optional.of(children);
        });
    }

    /** Not supported: a directory has no session to end. */
    @Override
    public EphemeralNode createEphemeral(String path, byte[] data) {
        throw new CoordinatorException("not supported");
    }

    /** Polls the tree below {@code path} every 200 ms (the original does not support watches). */
    @Override
    public CoordinatorWatch watch(String path, CoordinatorListener listener) {
        ensureOpen();
        NodePaths.validate(path);
        PollingTreeWatch[] self = new PollingTreeWatch[1];
        PollingTreeWatch watch = new PollingTreeWatch(path, fileOf(path), this::nodePathOf, listener,
                () -> resources.remove(self[0]));
        self[0] = watch;
        resources.add(watch);
        watch.scheduled(poller().scheduleWithFixedDelay(watch, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS));
        return watch;
    }

    @Override
    public void close() {
        resources.closeOnce(() -> {
            ScheduledExecutorService current = poller;
            if (current != null) {
                current.shutdownNow();
            }
        });
    }

    @Override
    public String toString() {
        return "fsclient " + root;
    }

    private synchronized ScheduledExecutorService poller() {
        if (poller == null) {
            poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "fsclient-watch " + root);
                thread.setDaemon(true);
                return thread;
            });
        }
        return poller;
    }

    private void logged(String operation, String path, Supplier<Void> body) {
        try {
            locked(operation, path, body);
            LOG.info("fsclient - {} {} OK", operation, path);
        } catch (RuntimeException e) {
            LOG.warn("fsclient - {} {} failed: {}", operation, path, e.getMessage());
            throw e;
        }
    }

    private <T> T locked(String operation, String path, Supplier<T> body) {
        ensureOpen();
        NodePaths.validate(path);
        try {
            return lock.call(operation + " " + path, body);
        } catch (UncheckedIOException e) {
            throw new CoordinatorException("fsclient: " + operation + " " + path + ": " + e.getCause(), e.getCause());
        }
    }

    private void ensureOpen() {
        if (resources.isClosed()) {
            throw new CoordinatorException("use of closed fs client");
        }
    }

    private Path fileOf(String path) {
        return path.equals("/") ? dataDir : dataDir.resolve(path.substring(1));
    }

    private String nodePathOf(Path file) {
        Path relative = dataDir.relativize(file);
        return relative.toString().isEmpty() ? "/" : "/" + relative.toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private void write(Path file, byte[] data) {
        io(() -> {
            Files.createDirectories(file.getParent(), DIR_MODE);
            Files.createDirectories(tempDir, DIR_MODE);
            Path temp = Files.createTempFile(tempDir, System.currentTimeMillis() / 1000 + ".", "", TEMP_MODE);
            try {
                Files.write(temp, data);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
            return null;
        });
    }

    private static void removeTree(Path top) {
        if (!Files.exists(top)) {
            return;
        }
        io(() -> {
            try (Stream<Path> files = Files.walk(top)) {
                for (Path each : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(each);
                }
            }
            return null;
        });
    }

    private interface IoAction<T> {
        T run() throws IOException;
    }

    private static <T> T io(IoAction<T> action) {
        try {
            return action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
