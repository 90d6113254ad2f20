package io.codis.common.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogsTest {
    private static final Logger LOG = LoggerFactory.getLogger(LogsTest.class);

    @TempDir
    Path dir;

    @AfterEach
    void backToStderr() {
        Logs.configure(null, LogLevel.INFO);
    }

    @Test
    void logFileIsSuffixedWithTheLocalDateLikeTheOriginal() throws IOException {
        Path file = dir.resolve("log").resolve("codis-proxy.log");
        Logs.configure(file, LogLevel.INFO);
        LOG.warn("proxy is working ...");

        Path daily = dir.resolve("log").resolve("codis-proxy.log." + LocalDate.now());
        assertThat(daily).exists();
        assertThat(file).doesNotExist();
        assertThat(Files.readString(daily))
                .matches("\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} LogsTest: \\[WARN\\] proxy is working \\.\\.\\.\\n");
    }

    @Test
    void levelFiltersAndCanChangeWhileRunning() throws IOException {
        Path file = dir.resolve("codis.log");
        Logs.configure(file, LogLevel.WARN);
        LOG.info("hidden");
        LOG.warn("shown");
        Logs.setLevel(LogLevel.DEBUG);
        LOG.debug("debug now");
        Logs.setLevel(LogLevel.NONE);
        LOG.error("silenced");

        String written = Files.readString(dir.resolve("codis.log." + LocalDate.now()));
        assertThat(written).contains("shown", "debug now").doesNotContain("hidden", "silenced");
        assertThat(Logs.level()).isEqualTo(LogLevel.NONE);
    }

    @Test
    void libraryChatterStaysBelowWarnEvenAtDebugButNoneSilencesIt() throws IOException {
        Path file = dir.resolve("quiet.log");
        Logs.configure(file, LogLevel.DEBUG);
        Logger jetty = LoggerFactory.getLogger("org.eclipse.jetty.server.Server");
        Logger zookeeper = LoggerFactory.getLogger("org.apache.zookeeper.ClientCnxn");
        jetty.info("jetty-11 started");
        zookeeper.info("session established");
        zookeeper.warn("session expired");
        LOG.debug("own debug");
        Logs.setLevel(LogLevel.NONE);
        jetty.error("silenced too");

        String written = Files.readString(dir.resolve("quiet.log." + LocalDate.now()));
        assertThat(written).contains("session expired", "own debug")
                .doesNotContain("jetty-11 started", "session established", "silenced too");
    }

    @Test
    void levelNamesAreTheOriginals() {
        assertThat(LogLevel.parse("warning")).contains(LogLevel.WARN);
        assertThat(LogLevel.parse("Debug")).contains(LogLevel.DEBUG);
        assertThat(LogLevel.parse("none")).contains(LogLevel.NONE);
        assertThat(LogLevel.parse("TRACE")).isEmpty();
        assertThat(LogLevel.parse("")).isEmpty();
        assertThat(LogLevel.parse(null)).isEmpty();
    }
}
