package io.codis.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.model.Proxy;
import io.codis.common.rpc.ApiClient;
import io.codis.common.testkit.Await;
import io.codis.common.testkit.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code codis-proxy} as a separate process: SIGTERM closes it cleanly with exit status 0. */
class ProxyProcessSignalTest {
    @TempDir
    Path dir;

    @Test
    void sigtermClosesTheProxyRemovesThePidfileAndExitsZero() throws Exception {
        int adminPort = FreePorts.next();
        Path config = dir.resolve("proxy.toml");
        Files.writeString(config, "product_name = \"codis-signal\"\nproto_type = \"tcp4\"\nproxy_addr = \"127.0.0.1:"
                + FreePorts.next() + "\"\nadmin_addr = \"127.0.0.1:" + adminPort + "\"\n");
        Path pidfile = dir.resolve("codis-proxy.pid");
        Path log = dir.resolve("codis-proxy.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                ProxyMain.class.getName(), "--config=" + config, "--pidfile=" + pidfile, "--log=" + log))
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        try {
            Proxy model = awaitModel("127.0.0.1:" + adminPort, process);
            assertThat(model.pid()).isEqualTo(process.pid());
            Await.until("the pidfile " + pidfile, () -> Files.exists(pidfile));
            assertThat(Files.readString(pidfile)).isEqualTo(Long.toString(process.pid()));

            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            assertThat(pidfile).doesNotExist();
            assertThat(Files.readString(dir.resolve("codis-proxy.log." + LocalDate.now())))
                    .contains("proxy waiting online ...", "proxy receive signal = 'terminated'", "proxy is exiting ...");
        } finally {
            process.destroyForcibly();
        }
    }

    private static Proxy awaitModel(String admin, Process process) {
        ApiClient client = new ApiClient(Duration.ofSeconds(2));
        return Await.until("codis-proxy's model at " + admin, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("codis-proxy exited with status " + process.exitValue());
            }
            return client.get(ApiClient.url(admin, "/api/proxy/model"), Proxy.class);
        }, Objects::nonNull);
    }
}
