package io.codis.fe;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.cli.CommandLines;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.FreePorts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code codis-fe} as an operator runs it: flags, startup log lines, pidfile, SIGTERM. */
class FeProcessTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CommandLines.execute("codis-fe", new FeMain(), new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void misusedFlagsAreRefusedWithOneLine() {
        assertThat(run("--filesystem=/tmp/x").err()).isEqualTo("codis-fe: option --listen is required\n");
        assertThat(run("--listen=:0").err())
                .isEqualTo("codis-fe: one of --dashboard-list, --zookeeper, --etcd, --filesystem is required\n");
        assertThat(run("--listen=:0", "--dashboard-list=a.json", "--filesystem=/tmp/x").err())
                .isEqualTo("codis-fe: options --dashboard-list and --filesystem cannot be used together\n");
        assertThat(run("--listen=:0", "--filesystem=/tmp/x", "--zookeeper-auth=u:p").err())
                .isEqualTo("codis-fe: option --zookeeper-auth needs --zookeeper\n");
        Run badLevel = run("--listen=:0", "--filesystem=/tmp/x", "--log-level=LOUD");
        assertThat(badLevel.exitCode()).isEqualTo(1);
        assertThat(badLevel.err()).isEqualTo("codis-fe: option --log-level = LOUD\n");
    }

    @Test
    void helpShowsTheOriginalsUsage() {
        Run help = run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out().replaceAll("\\s+", " ")).startsWith("Usage: codis-fe [--ncpu=N] [--log=FILE] [--log-level=LEVEL] [--assets-dir=PATH]"
                + " [--pidfile=FILE] (--dashboard-list=FILE|--zookeeper=ADDR [--zookeeper-auth=USR:PWD]|--etcd=ADDR"
                + " [--etcd-auth=USR:PWD]|--filesystem=ROOT) --listen=ADDR codis-fe --version ");
        assertThat(help.out().replaceAll("\\s+", " ")).contains("--users=FILE", "--assets-dir=PATH", "-d, --dashboard-list=FILE");
    }

    @Test
    void servesUntilSigtermThenExitsCleanly() throws Exception {
        Path list = Files.writeString(dir.resolve("codis.json"), "[{\"name\": \"codis-demo\", \"dashboard\": \"127.0.0.1:1\"}]");
        Path pidfile = dir.resolve("fe.pid");
        Path log = dir.resolve("fe.log");
        int port = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                FeMain.class.getName(), "--ncpu=2", "--dashboard-list=" + list, "--listen=127.0.0.1:" + port,
                "--pidfile=" + pidfile, "--log=" + log));
        Process fe = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("fe.out").toFile()).start();
        try {
            Await.until("the pidfile " + pidfile, () -> {
                assertThat(fe.isAlive()).as("codis-fe running; output: %s", Files.readString(dir.resolve("fe.out"))).isTrue();
                return Files.exists(pidfile) && !Files.readString(pidfile).isEmpty();
            });
            assertThat(Files.readString(pidfile)).isEqualTo(Long.toString(fe.pid()));
            String listed = Await.until("GET /list",
                    () -> FeUnderTest.call("GET", "http://127.0.0.1:" + port + "/list", "").body(), body -> true);
            assertThat(listed).isEqualTo("[\n    \"codis-demo\"\n]");

            fe.destroy(); // SIGTERM
            assertThat(fe.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(fe.exitValue()).isZero();
            assertThat(pidfile).doesNotExist();
            String logged = String.join("\n", Files.readAllLines(Files.list(dir)
                    .filter(p -> p.getFileName().toString().startsWith("fe.log")).findFirst().orElseThrow()));
            assertThat(logged).contains("set ncpu = 2", "set listen = 127.0.0.1:" + port, "set assets = (built-in)",
                    "set --dashboard-list = " + list, "fe receive signal = 'terminated'");
        } finally {
            fe.destroyForcibly();
        }
    }
}
