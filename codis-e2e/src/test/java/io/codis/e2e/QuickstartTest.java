package io.codis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.FreePorts;
import io.codis.common.testkit.TempDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/quickstart.sh} as the README's first command: a whole cluster (4 Redis, the
 * dashboard, 2 proxies) in a run directory on free ports, used with {@code redis-cli} through both
 * proxies, detected when started twice, and stopped by {@code quickstart.sh down}.
 */
class QuickstartTest {
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(10);

    private Path run;
    private final Map<String, String> env = new HashMap<>();
    private int proxy1;
    private int proxy2;

    @BeforeEach
    void choosePorts() throws IOException {
        run = TempDirs.create("quickstart-");
        proxy1 = FreePorts.next();
        proxy2 = FreePorts.next();
        env.put("CODIS_RUN_DIR", run.toString());
        env.put("CODIS_REDIS_PORTS", FreePorts.next() + " " + FreePorts.next() + " " + FreePorts.next() + " " + FreePorts.next());
        env.put("CODIS_DASHBOARD_PORT", Integer.toString(FreePorts.next()));
        env.put("CODIS_PROXY_PORTS", proxy1 + " " + proxy2);
        env.put("CODIS_PROXY_ADMIN_PORTS", FreePorts.next() + " " + FreePorts.next());
    }

    @AfterEach
    void down() {
        quickstart("down");
        TempDirs.delete(run);
    }

    @Test
    void startsAClusterThatServesThroughBothProxiesAndDownStopsIt() throws IOException {
        Launcher.Result up = quickstart();
        assertThat(up.exitCode()).as(up.stdout() + up.stderr() + processOutputs()).isZero();
        assertThat(up.stdout()).contains("quickstart.sh: all 1024 slots are served\n", "redis-cli -p " + proxy1,
                "[ ] proxy-1 [T] ", "[ ] proxy-2 [T] ", "[ ] group-1 [0] ", "[ ] group-2 [1] ",
                "quickstart.sh down");
        assertThat(up.stdout()).containsPattern("\\[0000,0511\\] => 1\n\\[0512,1023\\] => 2\ndone\n");

        assertThat(Launcher.redisCli(proxy1, "SET", "quickstart:a", "1").stdout()).isEqualTo("OK\n");
        assertThat(Launcher.redisCli(proxy2, "GET", "quickstart:a").stdout()).isEqualTo("1\n");
        assertThat(Launcher.redisCli(proxy2, "MSET", "x", "1", "y", "2", "z", "3").stdout()).isEqualTo("OK\n");
        assertThat(Launcher.redisCli(proxy1, "MGET", "x", "y", "z").stdout()).isEqualTo("1\n2\n3\n");

        Launcher.Result again = quickstart();
        assertThat(again.exitCode()).isZero();
        assertThat(again.stdout()).startsWith("quickstart.sh: a cluster is already running in ");

        List<Long> pids = startedPids();
        assertThat(pids).hasSize(7);
        assertThat(pids).allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

        Launcher.Result down = quickstart("down");
        assertThat(down.exitCode()).as(down.stderr()).isZero();
        assertThat(down.stdout().lines().filter(line -> line.startsWith("quickstart.sh: stopped ")).count()).isEqualTo(7);
        assertThat(pids).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertThat(quickstart("status").stdout().lines().toList()).hasSize(7).allMatch(line -> line.endsWith(": stopped"));
    }

    /** What the started processes printed (log/NAME.out), for a failure's message. */
    private String processOutputs() throws IOException {
        if (!Files.isDirectory(run.resolve("log"))) {
            return "";
        }
        StringBuilder outputs = new StringBuilder();
        try (Stream<Path> files = Files.list(run.resolve("log"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".out")).sorted().toList()) {
                outputs.append("\n--- ").append(file.getFileName()).append(":\n").append(Files.readString(file));
            }
        }
        return outputs.toString();
    }

    private List<Long> startedPids() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> files = Files.list(run.resolve("pids"))) {
            for (Path file : files.toList()) {
                pids.add(Long.parseLong(Files.readString(file).strip()));
            }
        }
        return pids;
    }

    /** quickstart.sh ARGS from the test's own directory (the cluster it starts outlives the call). */
    private Launcher.Result quickstart(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Launcher.REPO.resolve("scripts/quickstart.sh").toString());
        command.addAll(List.of(args));
        return Launcher.runCommand(command, env, Path.of(System.getProperty("user.dir")), SCRIPT_TIMEOUT);
    }
}
