package io.codis.common.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code --pidfile}: the decimal pid without a newline, written at start and removed at clean exit. */
public final class PidFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PidFile.class);

    private final Path path;

    private PidFile(Path path) {
        this.path = path;
    }

    /** Writes the pid to {@code file}; a failure is logged, not fatal, as in the original. */
    public static PidFile write(Path file) {
        Path path = file.toAbsolutePath();
        LOG.warn("option --pidfile = {}", path);
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            LOG.error("write pidfile = '{}' failed: {}", path, e.toString());
        }
        return new PidFile(path);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.error("remove pidfile = '{}' failed: {}", path, e.toString());
        }
    }
}
