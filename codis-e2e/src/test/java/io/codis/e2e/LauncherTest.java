package io.codis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every launcher runs its jar from any directory, and answers --version, --help and bad flags like the original. */
class LauncherTest {

    @ParameterizedTest
    @ValueSource(strings = {"codis-proxy", "codis-dashboard", "codis-admin", "codis-fe", "codis-ha"})
    void versionPrintsTwoLines(String program) {
        Launcher.Result result = Launcher.run(program, "--version");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout().lines().toList())
                .hasSize(2)
                .satisfies(lines -> {
                    assertThat(lines.get(0)).startsWith("version: ").contains("Codis 3.2");
                    assertThat(lines.get(1)).startsWith("compile: ");
                });
    }

    /** The original's flags, from its usage text, that each program's --help must document. */
    static List<Arguments> originalFlags() {
        return List.of(
                Arguments.of("codis-proxy", List.of("--ncpu", "--max-ncpu", "--config", "--log", "--log-level",
                        "--host-admin", "--host-proxy", "--dashboard", "--zookeeper", "--zookeeper-auth", "--etcd",
                        "--etcd-auth", "--filesystem", "--fillslots", "--ulimit", "--pidfile", "--product_name",
                        "--product_auth", "--session_auth", "--default-config", "--version")),
                Arguments.of("codis-dashboard", List.of("--ncpu", "--config", "--log", "--log-level", "--host-admin",
                        "--pidfile", "--zookeeper", "--etcd", "--filesystem", "--product_name", "--product_auth",
                        "--remove-lock", "--default-config", "--version")),
                Arguments.of("codis-fe", List.of("--ncpu", "--log", "--log-level", "--assets-dir", "--pidfile",
                        "--dashboard-list", "--zookeeper", "--zookeeper-auth", "--etcd", "--etcd-auth", "--filesystem",
                        "--listen", "--version")),
                Arguments.of("codis-ha", List.of("--log", "--log-level", "--interval", "--dashboard", "--no-maintains",
                        "--version")),
                Arguments.of("codis-admin", List.of("-v", "--proxy", "--auth", "--start", "--shutdown", "--log-level",
                        "--fillslots", "--locked", "--reset-stats", "--forcegc", "--dashboard", "--reload",
                        "--slots-assign", "--beg", "--end", "--gid", "--offline", "--confirm", "--slots-status",
                        "--list-proxy", "--create-proxy", "--online-proxy", "--remove-proxy", "--reinit-proxy", "--addr",
                        "--token", "--pid", "--all", "--force", "--proxy-status", "--list-group", "--create-group",
                        "--remove-group", "--resync-group", "--group-add", "--datacenter", "--group-del",
                        "--group-status", "--replica-groups", "--enable", "--disable", "--promote-server",
                        "--sync-action", "--create", "--remove", "--slot-action", "--sid", "--create-some",
                        "--gid-from", "--gid-to", "--num-slots", "--create-range", "--interval", "--disabled",
                        "--rebalance", "--sentinel-add", "--sentinel-del", "--sentinel-resync", "--remove-lock",
                        "--config-dump", "--config-convert", "--config-restore", "--dashboard-list", "--product",
                        "--zookeeper", "--zookeeper-auth", "--etcd", "--etcd-auth", "--filesystem", "-1")));
    }

    @ParameterizedTest
    @MethodSource("originalFlags")
    void helpDocumentsEveryOriginalFlag(String program, List<String> flags) {
        Launcher.Result result = Launcher.run(program, "--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdout()).startsWith("Usage: " + program);
        List<String> documented = result.stdout().lines()
                .filter(line -> line.startsWith("  "))
                .flatMap(line -> List.of(line.strip().split("[ ,=]+")).stream())
                .toList();
        assertThat(documented).containsAll(flags);
    }

    @ParameterizedTest
    @ValueSource(strings = {"codis-proxy", "codis-dashboard", "codis-admin", "codis-fe", "codis-ha"})
    void unknownFlagIsRefusedWithOneLine(String program) {
        Launcher.Result result = Launcher.run(program, "--no-such-flag");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderrLines()).singleElement().asString()
                .startsWith(program + ": ")
                .contains("--no-such-flag");
    }

    @ParameterizedTest
    @ValueSource(strings = {"codis-proxy", "codis-dashboard"})
    void badLogLevelIsRefusedWithTheOriginalsMessage(String program) {
        Launcher.Result result = Launcher.run(program, "--log-level=LOUD");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderrLines()).containsExactly(program + ": option --log-level = LOUD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"codis-proxy", "codis-dashboard", "codis-admin", "codis-fe", "codis-ha"})
    void everyProgramStartsFromItsClassDataArchive(String program) throws IOException {
        assertThat(Launcher.run(program, "--version").exitCode()).isZero();
        assertThat(archives(program)).as("made on the first run").hasSize(1);
        // -Xshare:on: the JVM refuses to start when the archive given cannot be used (a stale one, say)
        Launcher.Result shared = Launcher.run(program, Map.of("JAVA_OPTS", "-Xshare:on"), "--version");
        assertThat(shared.exitCode()).as(shared.stderr()).isZero();
        assertThat(shared.stdout().lines()).hasSize(2);
    }

    @Test
    void aRebuiltJarGetsAFreshArchive() throws IOException {
        Path jar = Launcher.REPO.resolve("codis-ha/target/codis-ha.jar");
        assertThat(Launcher.run("codis-ha", "--version").exitCode()).isZero();
        List<Path> before = archives("codis-ha");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis()));
        Launcher.Result rebuilt = Launcher.run("codis-ha", Map.of("JAVA_OPTS", "-Xshare:on"), "--version");
        assertThat(rebuilt.exitCode()).as(rebuilt.stderr()).isZero();
        assertThat(rebuilt.stdout().lines()).hasSize(2);
        assertThat(archives("codis-ha")).hasSize(1).doesNotContainAnyElementsOf(before);
        Launcher.Result off = Launcher.run("codis-ha", Map.of("CODIS_CDS", "off"), "--version");
        assertThat(off.stdout().lines()).hasSize(2);
    }

    private static List<Path> archives(String program) throws IOException {
        try (Stream<Path> files = Files.list(Launcher.REPO.resolve(program + "/target"))) {
            return files.filter(f -> f.getFileName().toString().matches(Pattern.quote(program) + "-\\w+-\\w+\\.jsa"))
                    .toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"codis-proxy", "codis-dashboard", "codis-admin", "codis-fe", "codis-ha"})
    void javaOptsReachTheJvm(String program) {
        Launcher.Result result = Launcher.run(program, Map.of("JAVA_OPTS", "-XX:+CodisNoSuchVmFlag"), "--version");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("CodisNoSuchVmFlag");
    }

    @ParameterizedTest
    @ValueSource(strings = {"codis-ha --dashboard=127.0.0.1:18080 --interval=0",
        "codis-proxy --dashboard=a:1 --fillslots=slots.json", "codis-fe --listen=:8080",
        "codis-proxy --zookeeper-auth=u:p"})
    void misusedFlagsAreRefusedWithOneLine(String commandLine) {
        String[] words = commandLine.split(" ");
        Launcher.Result result = Launcher.run(words[0], java.util.Arrays.copyOfRange(words, 1, words.length));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderrLines()).singleElement().asString().startsWith(words[0] + ": ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy", "dashboard"})
    void defaultConfigIsTheShippedFile(String component) throws IOException {
        Launcher.Result result = Launcher.run("codis-" + component, "--default-config");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo(Files.readString(Launcher.REPO.resolve("config/" + component + ".toml")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy", "dashboard"})
    void badConfigIsRefusedWithOneLineNamingTheProblem(String component, @TempDir Path dir) throws IOException {
        Path unknownKey = Files.writeString(dir.resolve("unknown.toml"), "product_name = \"demo\"\nno_such_key = 1\n");
        Launcher.Result result = Launcher.run("codis-" + component, "--config=" + unknownKey);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderrLines()).singleElement().asString()
                .startsWith("codis-" + component + ": load config " + unknownKey + " failed, ")
                .contains("no_such_key");

        Launcher.Result badName = Launcher.run("codis-" + component, "--product_name=bad name");
        assertThat(badName.exitCode()).isEqualTo(1);
        assertThat(badName.stderrLines()).singleElement().asString().endsWith("bad product name = bad name");
    }
}
