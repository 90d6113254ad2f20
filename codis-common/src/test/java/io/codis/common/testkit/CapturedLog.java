package io.codis.common.testkit;

import io.codis.common.log.LogLevel;
import io.codis.common.log.Logs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * The process's log, as {@code --log=FILE --log-level=LEVEL} writes it, in a temp dir for a test to
 * read; closing it sends the log back to standard error at INFO and removes the dir.
 */
public final class CapturedLog implements AutoCloseable {
    private final Path dir;
    private final Path file;

    private CapturedLog(LogLevel level) {
        this.dir = TempDirs.create("captured-log-");
        this.file = dir.resolve("codis.log");
        Logs.configure(file, level);
    }

    public static CapturedLog at(LogLevel level) {
        return new CapturedLog(level);
    }

    /** The log lines so far, without the lines of stack traces. */
    public List<String> lines() {
        Path daily = dir.resolve(file.getFileName() + "." + LocalDate.now());
        try {
            return Files.exists(daily) ? Files.readAllLines(daily).stream().filter(line -> line.matches("\\d{4}/.*")).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        Logs.configure(null, LogLevel.INFO);
        TempDirs.delete(dir);
    }
}
