package io.codis.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.codis.common.coordinator.CodisPaths;
import io.codis.common.coordinator.Coordinator;
import io.codis.common.coordinator.Coordinators;
import io.codis.common.json.JsonCodec;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code codis-dashboard} as a separate process: the lock, --remove-lock, SIGTERM and the pidfile. */
class DashboardProcessTest {
    @TempDir
    Path dir;

    private Process start(String... options) throws Exception {
        return new ProcessBuilder(JavaProcesses.command(DashboardMain.class, List.of(options))).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout-" + System.nanoTime() + ".txt").toFile()).start();
    }

    private Optional<JsonNode> lock(Coordinator store) {
        return store.read(CodisPaths.topom("codis-proc")).map(JsonCodec::readTree);
    }

    private JsonNode awaitLockOf(Coordinator store, Process process) {
        return Await.until("the lock held by dashboard " + process.pid(), () -> {
            assertThat(process.isAlive()).as("dashboard running").isTrue();
            return lock(store);
        }, lock -> lock.isPresent() && lock.get().get("pid").asLong() == process.pid()).orElseThrow();
    }

    @Test
    void sigtermReleasesTheLockAndRemoveLockClearsAStaleOne() throws Exception {
        Path root = dir.resolve("coordinator");
        int port = FreePorts.next();
        Path config = dir.resolve("dashboard.toml");
        Files.writeString(config, "admin_addr = \"127.0.0.1:" + port + "\"\n");
        Path pidfile = dir.resolve("codis-dashboard.pid");
        try (Coordinator store = Coordinators.open("filesystem", root.toString(), "", Duration.ofSeconds(5))) {
            Process first = start("--config=" + config, "--filesystem=" + root, "--product_name=codis-proc",
                    "--pidfile=" + pidfile);
            try {
                JsonNode lock = awaitLockOf(store, first);
                assertThat(lock.get("admin_addr").textValue()).isEqualTo("127.0.0.1:" + port);
                assertThat(lock.get("product_name").textValue()).isEqualTo("codis-proc");
                Await.until("the pidfile " + pidfile, () -> Files.exists(pidfile));
                assertThat(Files.readString(pidfile)).isEqualTo(Long.toString(first.pid()));
                first.destroy(); // SIGTERM
                assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(first.exitValue()).isZero();
                assertThat(lock(store)).isEmpty();
                assertThat(pidfile).doesNotExist();
            } finally {
                first.destroyForcibly();
            }

            // a lock left by a dead dashboard: --remove-lock takes it over
            store.update(CodisPaths.topom("codis-proc"), "{\"pid\": 1}".getBytes(StandardCharsets.UTF_8));
            Process second = start("--config=" + config, "--filesystem=" + root, "--product_name=codis-proc",
                    "--remove-lock");
            try {
                awaitLockOf(store, second);
                // the shutdown route releases the lock and ends the process too (its answer may be cut off, as in the original)
                try {
                    new io.codis.common.rpc.ApiClient(Duration.ofSeconds(10)).put("http://127.0.0.1:" + port
                            + "/api/topom/shutdown/" + io.codis.common.rpc.XAuth.dashboard("codis-proc"), null);
                } catch (io.codis.common.rpc.RpcException closedBeforeAnswering) {
                    assertThat(closedBeforeAnswering.getMessage()).contains("/api/topom/shutdown/");
                }
                assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(second.exitValue()).isZero();
                assertThat(lock(store)).isEmpty();
            } finally {
                second.destroyForcibly();
            }
        }
    }
}
