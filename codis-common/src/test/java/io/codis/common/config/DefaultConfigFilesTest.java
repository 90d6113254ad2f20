package io.codis.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The files shipped to operators in {@code config/} must be exactly what {@code --default-config}
 * prints. On a failure, regenerate them with {@code codis-dashboard --default-config > config/dashboard.toml}
 * and {@code codis-proxy --default-config > config/proxy.toml}.
 */
class DefaultConfigFilesTest {
    private static final Path CONFIG_DIR = Path.of(System.getProperty("basedir", "."), "..", "config");

    @Test
    void shippedDashboardTomlIsTheDefaultConfig() throws IOException {
        assertThat(Files.readString(CONFIG_DIR.resolve("dashboard.toml")))
                .as("config/dashboard.toml must equal DashboardConfig.defaultToml()")
                .isEqualTo(DashboardConfig.defaultToml());
    }

    @Test
    void shippedProxyTomlIsTheDefaultConfig() throws IOException {
        assertThat(Files.readString(CONFIG_DIR.resolve("proxy.toml")))
                .as("config/proxy.toml must equal ProxyConfig.defaultToml()")
                .isEqualTo(ProxyConfig.defaultToml());
    }

    @Test
    void shippedFilesLoad() {
        assertThat(DashboardConfig.load(CONFIG_DIR.resolve("dashboard.toml"))).isEqualTo(DashboardConfig.defaults());
        assertThat(ProxyConfig.load(CONFIG_DIR.resolve("proxy.toml"))).isEqualTo(ProxyConfig.defaults());
    }
}
