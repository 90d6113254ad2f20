package io.codis.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {
    @TempDir
    Path dir;

    @Test
    void holdsThePidWithoutNewlineUntilClosed() throws IOException {
        Path file = dir.resolve("run").resolve("codis.pid");
        try (PidFile ignored = PidFile.write(file)) {
            assertThat(Files.readString(file)).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void unwritablePlaceIsNotFatal() throws IOException {
        Path blocker = Files.createFile(dir.resolve("not-a-dir"));
        try (PidFile pidFile = PidFile.write(blocker.resolve("codis.pid"))) {
            assertThat(pidFile).isNotNull();
        }
        assertThat(blocker).isRegularFile();
    }
}
