package io.codis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.testkit.FreePorts;
import io.codis.common.testkit.TempDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The release tarball of {@code mvn package} ({@code codis-dist/target/codis-VERSION-bin.tar.gz})
 * unpacked where an operator would: the original's layout, its programs run from {@code bin/}, and
 * the dashboard started and stopped by {@code admin/codis-dashboard-admin.sh} with the lock it holds
 * seen and released in the coordinator.
 */
class ReleaseTarballTest {
    private static Path unpacked;
    private static Path home;

    @BeforeAll
    static void unpack() throws IOException {
        Path target = Launcher.REPO.resolve("codis-dist/target");
        Path tarball;
        try (Stream<Path> files = Files.list(target)) {
            tarball = files.filter(f -> f.getFileName().toString().matches("codis-.*-bin\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no codis-*-bin.tar.gz in " + target + "; run mvn package"));
        } catch (IOException e) {
            throw new AssertionError(target + " is missing; run mvn package", e);
        }
        unpacked = TempDirs.create("release-");
        Launcher.Result untar = Launcher.runCommand(List.of("tar", "-xzf", tarball.toString(), "-C", unpacked.toString()),
                Map.of(), unpacked, Duration.ofSeconds(60));
        assertThat(untar.exitCode()).as(untar.stderr()).isZero();
        String name = tarball.getFileName().toString();
        home = unpacked.resolve(name.substring(0, name.length() - "-bin.tar.gz".length()));
    }

    @AfterAll
    static void remove() {
        if (unpacked != null) {
            TempDirs.delete(unpacked);
        }
    }

    private static Launcher.Result run(String... command) {
        return Launcher.runCommand(List.of(command), Map.of("CODIS_HOME", ""), unpacked, Duration.ofSeconds(60));
    }

    @Test
    void itIsLaidOutLikeTheOriginalsInstall() {
        for (String program : Launcher.PROGRAMS) {
            assertThat(home.resolve("bin/" + program)).isExecutable();
            assertThat(home.resolve("lib/" + program + ".jar")).isRegularFile();
        }
        for (String file : List.of("config/dashboard.toml", "config/proxy.toml", "config/redis.conf", "config/sentinel.conf",
                "assets/index.html", "systemd/codis-dashboard.service", "systemd/codis-proxy.service",
                "systemd/codis-fe.service")) {
            assertThat(home.resolve(file)).isRegularFile();
        }
        for (String script : List.of("codis-dashboard-admin.sh", "codis-proxy-admin.sh", "codis-fe-admin.sh")) {
            assertThat(home.resolve("admin/" + script)).isExecutable();
        }
        assertThat(home.resolve("bin/three-hosts.sh")).as("the three-host rehearsal, beside the launchers it runs").isExecutable();
    }

    @Test
    void itsProgramsRunFromBin() {
        for (String program : Launcher.PROGRAMS) {
            Launcher.Result version = run(home.resolve("bin/" + program).toString(), "--version");
            assertThat(version.exitCode()).as(program + ": " + version.stderr()).isZero();
            assertThat(version.stdout().lines()).as(program).hasSize(2)
                    .satisfies(lines -> assertThat(lines.get(0)).startsWith("version: "))
                    .satisfies(lines -> assertThat(lines.get(1)).startsWith("compile: "));
        }
    }

    @Test
    void theAdminScriptStartsAndStopsTheDashboard() throws IOException {
        String admin = "127.0.0.1:" + FreePorts.next();
        Path coordinator = unpacked.resolve("coordinator");
        Path config = home.resolve("config/dashboard.toml");
        Files.writeString(config, Files.readString(config)
                .replaceFirst("(?m)^coordinator_addr = .*$", "coordinator_addr = \"" + coordinator + "\"")
                .replaceFirst("(?m)^product_name = .*$", "product_name = \"codis-release\"")
                .replaceFirst("(?m)^admin_addr = .*$", "admin_addr = \"" + admin + "\""));
        String script = home.resolve("admin/codis-dashboard-admin.sh").toString();
        String codisAdmin = home.resolve("bin/codis-admin").toString();
        try {
            Launcher.Result start = run(script, "start");
            assertThat(start.exitCode()).as(start.stdout() + start.stderr()).isZero();
            assertThat(start.stdout()).startsWith("starting codis-dashboard ...\ncodis-dashboard started, pid ");
            assertThat(run(script, "start").stdout()).startsWith("codis-dashboard already running as process ");

            Launcher.Result list = null;
            for (int i = 0; i < 100; i++) {
                list = run(codisAdmin, "--dashboard-list", "--filesystem=" + coordinator);
                if (list.stdout().contains(admin)) {
                    break;
                }
                sleep();
            }
            assertThat(list.stdout()).isEqualTo("[\n    {\n        \"name\": \"codis-release\",\n        \"dashboard\": \"" + admin
                    + "\"\n    }\n]\n");
            assertThat(home.resolve("log")).isDirectory();
        } finally {
            Launcher.Result stop = run(script, "stop");
            assertThat(stop.exitCode()).as(stop.stdout() + stop.stderr()).isZero();
            assertThat(stop.stdout()).isEqualTo("stopping codis-dashboard ...\nSTOPPED\n");
        }
        assertThat(run(codisAdmin, "--dashboard-list", "--filesystem=" + coordinator).stdout())
                .as("the lock is released").contains("\"dashboard\": \"\"");
        assertThat(run(script, "stop").stdout()).startsWith("no codis-dashboard to stop");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
