package io.codis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.Await;
import io.codis.common.testkit.ExternalProcess;
import io.codis.common.testkit.FreePorts;
import io.codis.common.testkit.TempDirs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
 * 3 sentinels, dashboard, 2 proxies, the console) in a run directory on free ports, used with {@code redis-cli} through both
 * proxies, detected when started twice, and stopped by {@code quickstart.sh down}, even the processes
 * that were killed and started again by hand; then started afresh.
 */
class QuickstartTest {
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(10);

    private Path run;
    private final Map<String, String> env = new HashMap<>();
    private int proxy1;
    private int proxy2;
    private int redis4;
    private int fe;
    private final List<ExternalProcess> startedByHand = new ArrayList<>();

    @BeforeEach
    void choosePorts() throws IOException {
        run = TempDirs.create("quickstart-");
        proxy1 = FreePorts.next();
        proxy2 = FreePorts.next();
        redis4 = FreePorts.next();
        env.put("CODIS_RUN_DIR", run.toString());
        env.put("CODIS_REDIS_PORTS", FreePorts.next() + " " + FreePorts.next() + " " + FreePorts.next() + " " + redis4);
        env.put("CODIS_DASHBOARD_PORT", Integer.toString(FreePorts.next()));
        env.put("CODIS_PROXY_PORTS", proxy1 + " " + proxy2);
        env.put("CODIS_PROXY_ADMIN_PORTS", FreePorts.next() + " " + FreePorts.next());
        fe = FreePorts.next();
        env.put("CODIS_FE_PORT", Integer.toString(fe));
        env.put("CODIS_SENTINEL_PORTS", FreePorts.next() + " " + FreePorts.next() + " " + FreePorts.next());
    }

    @AfterEach
    void down() {
        quickstart("down");
        startedByHand.forEach(ExternalProcess::close);
        TempDirs.delete(run);
    }

    @Test
    void startsAClusterThatServesThroughBothProxiesAndDownStopsItEvenWhereRestartedByHand() throws IOException {
        Launcher.Result up = quickstart();
        assertThat(up.exitCode()).as(up.stdout() + up.stderr() + processOutputs()).isZero();
        assertThat(up.stdout()).contains("quickstart.sh: all 1024 slots are served\n", "redis-cli -p " + proxy1,
                "[ ] proxy-1 [T] ", "[ ] proxy-2 [T] ", "[ ] group-1 [0] ", "[ ] group-2 [1] ",
                "quickstart.sh down", "quickstart.sh: codis-fe on http://127.0.0.1:" + fe + "\n",
                "quickstart.sh: redis-sentinel on ");
        assertThat(consoleProducts()).isEqualTo("[\n    \"codis-demo\"\n]");
        assertThat(up.stdout()).containsPattern("\\[0000,0511\\] => 1\n\\[0512,1023\\] => 2\ndone\n");

        String sentinel = env.get("CODIS_SENTINEL_PORTS").split(" ")[2];
        assertThat(Launcher.redisCli(Integer.parseInt(sentinel), "SENTINEL", "MASTERS").stdout())
                .as("the sentinels monitor both groups").contains("codis-demo-1", "codis-demo-2");
        assertThat(Launcher.redisCli(proxy1, "SET", "quickstart:a", "1").stdout()).isEqualTo("OK\n");
        assertThat(Launcher.redisCli(proxy2, "GET", "quickstart:a").stdout()).isEqualTo("1\n");
        assertThat(Launcher.redisCli(proxy2, "MSET", "x", "1", "y", "2", "z", "3").stdout()).isEqualTo("OK\n");
        assertThat(Launcher.redisCli(proxy1, "MGET", "x", "y", "z").stdout()).isEqualTo("1\n2\n3\n");

        Launcher.Result again = quickstart();
        assertThat(again.exitCode()).isZero();
        assertThat(again.stdout()).startsWith("quickstart.sh: a cluster is already running in ");

        List<Long> pids = startedPids();
        assertThat(pids).hasSize(11);
        assertThat(pids).allMatch(QuickstartTest::isAlive);

        // killed, then started again by hand: proxy-1 as the README says, proxy-2 and a Redis server
        // without a pid file (found by their ports)
        killHard("proxy-1", "proxy-2", "redis-" + redis4);
        String runName = run.getFileName().toString();
        startByHand("proxy-1", run.getParent(), Launcher.REPO.resolve("scripts/codis-proxy").toString(), "--ncpu=2",
                "--config=" + runName + "/proxy-1.toml", "--log=" + runName + "/log/proxy-1.log", "--log-level=warn",
                "--pidfile=" + runName + "/pids/proxy-1.pid");
        startByHand("proxy-2", run, Launcher.REPO.resolve("scripts/codis-proxy").toString(), "--ncpu=2",
                "--config=proxy-2.toml", "--log-level=warn");
        startByHand("redis-" + redis4, run, "redis-server", run.resolve("data/redis-" + redis4 + "/redis.conf").toString(),
                "--port", Integer.toString(redis4), "--bind", "127.0.0.1", "--dir", run.resolve("data/redis-" + redis4).toString());
        for (int port : List.of(proxy1, proxy2, redis4)) {
            Await.until("PING answered on " + port, Duration.ofSeconds(60),
                    () -> Launcher.redisCli(port, "PING").stdout(), "PONG\n"::equals);
        }
        assertThat(quickstart("status").stdout().lines().toList()).hasSize(11).allMatch(line -> line.contains(": running, pid "))
                .containsAll(startedByHand.stream().map(p -> p.name() + ": running, pid " + p.pid()).toList());

        Launcher.Result down = quickstart("down");
        assertThat(down.exitCode()).as(down.stderr()).isZero();
        assertThat(down.stdout().lines().filter(line -> line.startsWith("quickstart.sh: stopped ")).count()).isEqualTo(11);
        assertThat(pids).noneMatch(QuickstartTest::isAlive);
        assertThat(startedByHand).noneMatch(ExternalProcess::isAlive);
        assertThat(clusterPorts()).allMatch(QuickstartTest::isFree);
        assertThat(quickstart("status").stdout().lines().toList()).hasSize(11).allMatch(line -> line.endsWith(": stopped"));

        Launcher.Result fresh = quickstart();
        assertThat(fresh.exitCode()).as(fresh.stdout() + fresh.stderr() + processOutputs()).isZero();
        assertThat(fresh.stdout()).contains("quickstart.sh: all 1024 slots are served\n");
        assertThat(Launcher.redisCli(proxy2, "GET", "quickstart:a").stdout()).as("a fresh cluster").isEqualTo("\n");
    }

    /** SIGKILLs the named processes of the cluster (by their pid files) and waits until they are gone. */
    private void killHard(String... names) throws IOException {
        for (String name : names) {
            long pid = Long.parseLong(Files.readString(run.resolve("pids/" + name + ".pid")).strip());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            Await.until(name + " (pid " + pid + ") killed", () -> !isAlive(pid));
        }
    }

    private void startByHand(String name, Path cwd, String... command) {
        startedByHand.add(ExternalProcess.start(name, List.of(command), cwd, run.resolve("log/" + name + ".by-hand.out")));
    }

    private List<Integer> clusterPorts() {
        return Stream.of("CODIS_REDIS_PORTS", "CODIS_DASHBOARD_PORT", "CODIS_PROXY_PORTS", "CODIS_PROXY_ADMIN_PORTS", "CODIS_FE_PORT",
                        "CODIS_SENTINEL_PORTS")
                .flatMap(variable -> Stream.of(env.get(variable).split(" "))).map(Integer::valueOf).toList();
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
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

    /** The console's product list, {@code GET /list} of codis-fe. */
    private String consoleProducts() throws IOException {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + fe + "/list")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
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
