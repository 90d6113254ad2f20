package io.codis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.Await;
import io.codis.common.testkit.ExternalProcess;
import io.codis.common.testkit.TempDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/three-hosts.sh}: the seed article's deployment on three hosts made of network
 * namespaces (a ZooKeeper ensemble, the crosswise groups, sentinels, a proxy a host, the dashboard and
 * the console), the article's codis-admin steps and the script's checks, all passed; and afterwards
 * nothing of it is left: no namespace, no process. Where this machine cannot make network namespaces
 * the script says why and exits 2, and the test fails with that.
 */
class ThreeHostsTest extends StopsWhatItStarted {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final List<String> CHECKS = List.of(
            "ok   a ZooKeeper ensemble of 3 (myid 1, 2, 3), one leader: ",
            "ok   groups 1-3 crosswise, each master's replica on the next host: ",
            "ok   slots 0-300, 301-800, 801-1023 assigned to groups 1, 2, 3",
            "ok   a key of each of the 1024 slots written through each proxy is read through the others",
            "ok   10 slots migrated from group 1 to group 3 with their keys (groups 1/2/3 now have 291/500/233 slots)",
            "ok   the 3 sentinels monitor groups 1-3",
            "ok   the 3 proxies are registered in Jodis (/jodis/codis-testX)",
            "ok   codis-fe on http://192.168.163.131:18090 lists codis-testX",
            "ok   ZooKeeper's leader (host ",
            "ok   ZooKeeper on host ",
            "ok   host 3 cut off: the sentinels failed group 3's master over to 192.168.163.131:7022 in ",
            "ok   host 3 cut off: proxies 1 and 2 serve every slot, ",
            "ok   host 3 cut off: a key of every slot written through proxies 1 and 2 is read through the other",
            "ok   host 3 cut off: Jodis lists the 2 remaining proxies");

    private String id;
    private Path run;

    @BeforeEach
    void nameTheRun() {
        // 7 characters at most: the id is part of the network interfaces' names
        id = "e" + ProcessHandle.current().pid() % 100000 + (char) ('a' + RUNS.getAndIncrement() % 26);
        run = TempDirs.create("three-hosts-");
        started(() -> TempDirs.delete(run));
        started(this::removeWhatARunLeft);
    }

    @Test
    void theSeedsThreeHostDeploymentPassesEveryCheckAndLeavesNothingBehind() throws IOException {
        ExternalProcess script = startScript();
        Await.until("three-hosts.sh to finish", RUN_TIMEOUT, Duration.ofSeconds(1), () -> !script.isAlive());
        int status = script.stop();
        String output = Files.readString(script.logFile());

        assertThat(status).as("three-hosts.sh exited with %d:\n%s%s", status, output, logs()).isZero();
        List<String> lines = output.lines().toList();
        for (String check : CHECKS) {
            assertThat(lines).as(output).anyMatch(line -> line.startsWith("three-hosts.sh: " + check));
        }
        assertThat(lines).noneMatch(line -> line.contains("FAIL"));
        assertThat(lines).contains("three-hosts.sh: every check passed");
        assertNothingLeft();
    }

    @Test
    void interruptedWhileItRunsItStopsEverythingItStarted() throws IOException {
        ExternalProcess script = startScript();
        Await.until("three-hosts.sh to have its ensemble and servers running", RUN_TIMEOUT,
                () -> Files.readString(script.logFile()), output -> output.contains("ok   a ZooKeeper ensemble of 3")
                        || !script.isAlive());
        assertThat(script.isAlive()).as(Files.readString(script.logFile())).isTrue();
        assertThat(namespacesOfTheRun()).hasSize(4);
        assertThat(processesOfTheRun()).as("its ZooKeeper, Redis servers and sentinels").hasSizeGreaterThanOrEqualTo(12);

        script.interrupt();
        Await.until("three-hosts.sh to stop once interrupted", Duration.ofSeconds(60), () -> !script.isAlive());
        assertThat(script.stop()).as(Files.readString(script.logFile())).isEqualTo(130);
        assertNothingLeft();
    }

    private ExternalProcess startScript() {
        return started(ExternalProcess.start("three-hosts.sh", List.of("env", "THREE_HOSTS_ID=" + id,
                "THREE_HOSTS_DIR=" + run.resolve("run"), Launcher.REPO.resolve("scripts/three-hosts.sh").toString()),
                run, run.resolve("three-hosts.out")));
    }

    private void assertNothingLeft() {
        assertThat(namespacesOfTheRun()).as("namespaces left").isEmpty();
        assertThat(processesOfTheRun()).as("processes left").isEmpty();
        assertThat(Launcher.runCommand(List.of("ip", "-o", "link"), Map.of()).stdout()).as("interfaces left").doesNotContain("c3h" + id);
    }

    private List<String> namespacesOfTheRun() {
        Launcher.Result list = Launcher.runCommand(List.of("ip", "netns", "list"), Map.of());
        assertThat(list.exitCode()).as(list.stderr()).isZero();
        return list.stdout().lines().map(line -> line.split(" ")[0]).filter(name -> name.startsWith("codis3h-" + id + "-")).toList();
    }

    /** The processes whose working directory is in the run's directory (the script starts each in it). */
    private List<Long> processesOfTheRun() {
        Path runDir = run.resolve("run");
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(process -> {
                try {
                    return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")).startsWith(runDir);
                } catch (IOException | UnsupportedOperationException gone) {
                    return false;
                }
            }).map(ProcessHandle::pid).toList();
        }
    }

    /** What a failed run left behind: its processes and namespaces (after the assertions saw them). */
    private void removeWhatARunLeft() {
        for (String namespace : namespacesOfTheRun()) {
            Launcher.Result pids = Launcher.runCommand(List.of("ip", "netns", "pids", namespace), Map.of());
            pids.stdout().lines().map(Long::valueOf).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            Launcher.runCommand(List.of("ip", "netns", "del", namespace), Map.of());
        }
        processesOfTheRun().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** The logs of a failed run, for the failure's message. */
    private String logs() throws IOException {
        Path logs = run.resolve("run/log");
        if (!Files.isDirectory(logs)) {
            return "";
        }
        StringBuilder tails = new StringBuilder();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".out")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                tails.append("\n--- ").append(file.getFileName()).append(" (last 15 lines):\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
            }
        }
        return tails.toString();
    }
}
