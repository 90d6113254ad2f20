package io.codis.dashboard;

import io.codis.common.testkit.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Temp dirs for the filesystem coordinator on tmpfs ({@code /dev/shm}) when there is one: the
 * coordinator syncs its lock file on every operation, which costs a disk flush per slot write.
 */
final class MemoryDirs {
    private static final Path SHM = Path.of("/dev/shm");

    private MemoryDirs() {
    }

    static Path create(String prefix) {
        if (Files.isDirectory(SHM) && Files.isWritable(SHM)) {
            try {
                return Files.createTempDirectory(SHM, prefix);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return TempDirs.create(prefix);
    }

    static void delete(Path dir) {
        TempDirs.delete(dir);
    }
}
