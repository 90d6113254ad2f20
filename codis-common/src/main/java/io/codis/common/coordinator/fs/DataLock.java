package io.codis.common.coordinator.fs;

import io.codis.common.coordinator.CoordinatorException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The store's global {@code data.lck}: an exclusive lock taken around every operation, first among
 * the clients of this JVM (Java file locks belong to the whole process), then against other
 * processes with {@link FileChannel#tryLock()}, retried for a short while before giving up. While
 * held the file says who holds it ({@code {"pid": 42, "now": "..."}}); on release it is emptied. That
 * note is for a curious operator only (the lock itself is the OS's, released when its holder dies),
 * so it is never synced to disk: syncing it cost a disk flush on every read and write of the store.
 */
final class DataLock {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();
    private static final Duration IN_JVM_WAIT = Duration.ofSeconds(10);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(20);
    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS Z z");

    private final Path file;
    private final Duration processWait;
    private final ReentrantLock jvmLock;

    /** {@code file} must sit in an existing directory; {@code processWait} bounds the wait for other processes. */
    DataLock(Path file, Duration processWait) {
        Path canonical;
        try {
            canonical = file.getParent().toRealPath().resolve(file.getFileName());
        } catch (IOException e) {
            throw new CoordinatorException("fsclient: cannot resolve lock file " + file + ": " + e.getMessage(), e);
        }
        this.file = canonical;
        this.processWait = processWait;
        this.jvmLock = IN_THIS_JVM.computeIfAbsent(canonical, key -> new ReentrantLock());
    }

    Path file() {
        return file;
    }

    /** Runs {@code operation} while holding the lock; {@code what} ("read /x") names it in errors. */
    <T> T call(String what, Supplier<T> operation) {
        acquireInJvm(what);
        try (FileChannel channel = FileChannel.open(file,
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")))) {
            FileLock lock = acquireFromOtherProcesses(what, channel);
            try {
                writeHolder(channel);
                return operation.get();
            } finally {
                channel.truncate(0);
                lock.release();
            }
        } catch (IOException e) {
            throw new CoordinatorException("fsclient: " + what + " failed: lock file " + file + ": " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
    }

    private void acquireInJvm(String what) {
        try {
            if (!jvmLock.tryLock(IN_JVM_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new CoordinatorException("fsclient: " + what + " failed: lock file " + file
                        + " is held by another client of this process for over "
                        + IN_JVM_WAIT.toSeconds() + "s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoordinatorException("fsclient: interrupted while waiting for lock file " + file, e);
        }
    }

    private FileLock acquireFromOtherProcesses(String what, FileChannel channel) throws IOException {
        long deadline = System.nanoTime() + processWait.toNanos();
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() >= deadline) {
                throw new CoordinatorException("fsclient: " + what + " failed: lock file " + file + " is held by another process ("
                        + holderText() + ") for over " + processWait.toMillis() + "ms");
            }
            try {
                Thread.sleep(RETRY_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CoordinatorException("fsclient: interrupted while waiting for lock file " + file, e);
            }
        }
    }

    private void writeHolder(FileChannel channel) throws IOException {
        String holder = "{\"pid\": " + ProcessHandle.current().pid() + ", \"now\": \""
                + ZonedDateTime.now().format(GO_TIME) + "\"}";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
    }

    private String holderText() {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "holder unknown" : text;
        } catch (IOException e) {
            return "holder unreadable";
        }
    }
}
