package io.codis.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.cli.CommandLines;
import io.codis.common.log.LogLevel;
import io.codis.common.log.Logs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code codis-proxy} options that stop the start before anything listens: one line on stderr, exit 1. */
class ProxyMainOptionsTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @AfterEach
    void quietAgain() {
        Logs.configure(null, LogLevel.INFO);
    }

    private int run(String... args) {
        return CommandLines.execute("codis-proxy", new ProxyMain(), new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true), args);
    }

    @Test
    void anUnreadableSlotsFileStopsTheStart() throws IOException {
        Path slots = dir.resolve("bad.json");
        Files.writeString(slots, "{not json");
        assertThat(run("--fillslots=" + slots)).isEqualTo(1);
        assertThat(err.toString()).startsWith("codis-proxy: decode slots from json failed, ");
    }

    @Test
    void aMissingSlotsFileStopsTheStart() {
        assertThat(run("--fillslots=" + dir.resolve("none.json"))).isEqualTo(1);
        assertThat(err.toString()).startsWith("codis-proxy: load slots from file failed, ");
    }

    @Test
    void aTooSmallOpenFilesLimitStopsTheStart() {
        assertThat(run("--ulimit=2000000000")).isEqualTo(1);
        assertThat(err.toString()).matches("codis-proxy: ulimit too small: \\d+, should be at least 2000000000\\n");
    }

    @Test
    void maxNcpuNeedsNcpu() {
        assertThat(run("--max-ncpu=8")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("codis-proxy: option --max-ncpu needs --ncpu\n");
    }

    @Test
    void helpGivesTheDefaultsOfNcpuAndMaxNcpu() {
        StringWriter out = new StringWriter();
        assertThat(CommandLines.execute("codis-proxy", new ProxyMain(), new PrintWriter(out, true),
                new PrintWriter(err, true), "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains(
                "--ncpu=N number of worker threads, default is 4.",
                "--max-ncpu=MAX let the number of worker threads grow up to MAX (at least N) under load, default is the"
                        + " number of CPUs.");
    }

    @Test
    void onlyOneWayOfGoingOnlineIsAccepted() {
        assertThat(run("--dashboard=127.0.0.1:18080", "--fillslots=" + dir.resolve("slots.json"))).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("codis-proxy: options --dashboard and --fillslots cannot be used together\n");
    }
}
