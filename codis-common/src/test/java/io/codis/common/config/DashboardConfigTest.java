package io.codis.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codis.common.json.JsonCodec;
import io.codis.common.model.Slot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DashboardConfigTest {

    @Test
    void defaultsAreTheReferenceValues() {
        DashboardConfig config = DashboardConfig.defaults();

        assertThat(config.coordinatorName()).isEqualTo("filesystem");
        assertThat(config.coordinatorAddr()).isEqualTo("/tmp/codis");
        assertThat(config.coordinatorAuth()).isEmpty();
        assertThat(config.productName()).isEqualTo("codis-demo");
        assertThat(config.productAuth()).isEmpty();
        assertThat(config.adminAddr()).isEqualTo("0.0.0.0:18080");
        assertThat(config.hostAdmin()).isEmpty();
        assertThat(config.migrationMethod()).isEqualTo("semi-async");
        assertThat(config.migrationForwardMethod()).isEqualTo(Slot.FORWARD_SEMI_ASYNC);
        assertThat(config.migrationParallelSlots()).isEqualTo(100);
        assertThat(config.migrationAsyncMaxBulks()).isEqualTo(200);
        assertThat(config.migrationAsyncMaxBytes()).isEqualTo(32L << 20);
        assertThat(config.migrationAsyncNumKeys()).isEqualTo(500);
        assertThat(config.migrationTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.sentinelClientTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.sentinelQuorum()).isEqualTo(2);
        assertThat(config.sentinelParallelSyncs()).isEqualTo(1);
        assertThat(config.sentinelDownAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.sentinelFailoverTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.sentinelNotificationScript()).isEmpty();
        assertThat(config.sentinelClientReconfigScript()).isEmpty();
    }

    @Test
    void defaultTextLoadsAsTheDefaults() {
        assertThat(DashboardConfig.parse(DashboardConfig.defaultToml())).isEqualTo(DashboardConfig.defaults());
    }

    @Test
    void defaultTextHasTheBannerAndEveryKeyInOrderWithTheAuthCommentedOut() {
        String text = DashboardConfig.defaultToml();

        assertThat(text).startsWith("##################################################\n")
                .contains("Codis-Dashboard")
                .contains("\n#coordinator_auth = \"\"\n")
                .endsWith("sentinel_auto_resync = true\n");
        assertThat(text).containsSubsequence("coordinator_name = \"filesystem\"", "coordinator_addr = \"/tmp/codis\"",
                "#coordinator_auth", "product_name = \"codis-demo\"", "product_auth = \"\"",
                "admin_addr = \"0.0.0.0:18080\"", "migration_method = \"semi-async\"", "migration_parallel_slots = 100",
                "migration_async_maxbulks = 200", "migration_async_maxbytes = \"32mb\"", "migration_async_numkeys = 500",
                "migration_timeout = \"30s\"", "sentinel_client_timeout = \"10s\"", "sentinel_quorum = 2",
                "sentinel_parallel_syncs = 1", "sentinel_down_after = \"30s\"", "sentinel_failover_timeout = \"5m\"",
                "sentinel_notification_script = \"\"", "sentinel_client_reconfig_script = \"\"",
                "sentinel_auto_resync = true");
    }

    @Test
    void fileValuesOverrideDefaults() {
        DashboardConfig config = DashboardConfig.parse("""
                coordinator_name = "zookeeper"
                coordinator_addr = "10.2.16.10:2181"
                coordinator_auth = "user:pass"
                product_name = "codis-testX"
                product_auth = "secret"
                migration_method = "SYNC"
                migration_timeout = 45
                sentinel_down_after = 1.5
                migration_async_maxbytes = 1048576
                """);

        assertThat(config.coordinatorName()).isEqualTo("zookeeper");
        assertThat(config.coordinatorAddr()).isEqualTo("10.2.16.10:2181");
        assertThat(config.coordinatorAuth()).isEqualTo("user:pass");
        assertThat(config.productName()).isEqualTo("codis-testX");
        assertThat(config.productAuth()).isEqualTo("secret");
        assertThat(config.migrationForwardMethod()).isEqualTo(Slot.FORWARD_SYNC);
        assertThat(config.migrationTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.sentinelDownAfter()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.migrationAsyncMaxBytes()).isEqualTo(1L << 20);
        assertThat(config.adminAddr()).isEqualTo("0.0.0.0:18080");
    }

    @Test
    void seedArticleDashboardFileLoads() {
        DashboardConfig config = DashboardConfig.parse("""
                # Quick Start
                #coordinator_name = "filesystem"
                #coordinator_addr = "/tmp/codis"
                coordinator_name = "zookeeper"
                coordinator_addr = "192.168.163.131:2181,192.168.163.132:2181,192.168.163.133:2181"
                #coordinator_auth = ""
                product_name = "codis-testX"
                product_auth = ""
                admin_addr = "192.168.163.131:18080"
                migration_method = "semi-async"
                migration_parallel_slots = 100
                migration_async_maxbulks = 200
                migration_async_maxbytes = "32mb"
                migration_async_numkeys = 500
                migration_timeout = "30s"
                sentinel_quorum = 2
                sentinel_parallel_syncs = 1
                sentinel_down_after = "30s"
                sentinel_failover_timeout = "5m"
                sentinel_notification_script = ""
                sentinel_client_reconfig_script = ""
                """);

        assertThat(config.adminAddr()).isEqualTo("192.168.163.131:18080");
        assertThat(config.sentinelClientTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "coordinator_name = \"\" | invalid coordinator_name",
            "coordinator_addr = \"\" | invalid coordinator_addr",
            "admin_addr = \"\" | invalid admin_addr",
            "product_name = \"\" | invalid product_name",
            "product_name = \"my product\" | bad product name = my product",
            "product_name = \"-demo\" | bad product name = -demo",
            "migration_method = \"fast\" | invalid migration_method",
            "migration_parallel_slots = 0 | invalid migration_parallel_slots",
            "migration_async_maxbulks = -1 | invalid migration_async_maxbulks",
            "migration_async_maxbytes = \"0\" | invalid migration_async_maxbytes",
            "migration_async_numkeys = 0 | invalid migration_async_numkeys",
            "migration_timeout = \"0\" | invalid migration_timeout",
            "migration_timeout = \"-1s\" | invalid migration_timeout",
            "sentinel_client_timeout = 0 | invalid sentinel_client_timeout",
            "sentinel_quorum = 0 | invalid sentinel_quorum",
            "sentinel_parallel_syncs = 0 | invalid sentinel_parallel_syncs",
            "sentinel_down_after = \"0s\" | invalid sentinel_down_after",
            "sentinel_failover_timeout = \"0m\" | invalid sentinel_failover_timeout"})
    void invalidValuesAreRefusedWithTheReferenceText(String line, String message) {
        assertThatThrownBy(() -> DashboardConfig.parse(line))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "migration_timeout = \"1h30m\" | invalid migration_timeout = \"1h30m\" (expected a duration",
            "migration_timeout = \"30S\" | invalid migration_timeout = \"30S\"",
            "migration_timeout = true | invalid migration_timeout = true",
            "migration_async_maxbytes = \"32 megabytes\" | invalid migration_async_maxbytes = \"32 megabytes\" (expected a size",
            "migration_parallel_slots = \"100\" | invalid migration_parallel_slots = \"100\" (expected an integer)",
            "migration_parallel_slots = 1.5 | invalid migration_parallel_slots = 1.5 (expected an integer)",
            "migration_parallel_slots = 99999999999 | invalid migration_parallel_slots = 99999999999",
            "product_name = 7 | invalid product_name = 7 (expected a string)",
            "admin_addr = [\"a\"] | invalid admin_addr = [\"a\"] (expected a string)"})
    void badValuesNameTheKey(String line, String messageStart) {
        assertThatThrownBy(() -> DashboardConfig.parse(line))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(messageStart)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void unknownKeysAreRefusedByName() {
        assertThatThrownBy(() -> DashboardConfig.parse("product_name = \"x\"\nmax_slot_num = 1024\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown key max_slot_num (not a Codis-Dashboard setting, see --default-config)");
        assertThatThrownBy(() -> DashboardConfig.parse("[sentinel]\nquorum = 2\n"))
                .hasMessageStartingWith("unknown key sentinel ");
    }

    @Test
    void brokenTomlIsAOneLineErrorWithTheLine() {
        assertThatThrownBy(() -> DashboardConfig.parse("product_name = \"x\"\nadmin_addr = \"1.2.3.4:1\" restful api\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid toml at line 2: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> DashboardConfig.parse("coordinator_name = \"fs\"\ncoordinator_name = \"zk\"\n"))
                .hasMessageContaining("Duplicate key");
    }

    @Test
    void commandLineOverridesAreValidatedAgain() {
        DashboardConfig config = DashboardConfig.defaults()
                .withCoordinator("etcd", "127.0.0.1:2379")
                .withProductName("other")
                .withProductAuth("pw")
                .withHostAdmin("ext.example:18080");

        assertThat(config.coordinatorName()).isEqualTo("etcd");
        assertThat(config.coordinatorAddr()).isEqualTo("127.0.0.1:2379");
        assertThat(config.productName()).isEqualTo("other");
        assertThat(config.productAuth()).isEqualTo("pw");
        assertThat(config.hostAdmin()).isEqualTo("ext.example:18080");
        assertThat(DashboardConfig.defaults()).isNotEqualTo(config);
        assertThatThrownBy(() -> config.withProductName("bad/name")).hasMessage("bad product name = bad/name");
        assertThatThrownBy(() -> config.withCoordinator("zk", "")).hasMessage("invalid coordinator_addr");
    }

    @Test
    void tomlDumpHasCanonicalValuesAndNoSecrets() {
        DashboardConfig config = DashboardConfig.parse("""
                coordinator_auth = "admin:coordpass"
                product_auth = "prodpass"
                migration_timeout = 1800
                """);

        String dump = config.toToml();

        assertThat(dump).doesNotContain("prodpass", "coordpass", "product_auth", "coordinator_auth")
                .startsWith("coordinator_name = \"filesystem\"\ncoordinator_addr = \"/tmp/codis\"\nadmin_addr = ")
                .contains("migration_timeout = \"30m\"\n");
        assertThat(config).hasToString(dump);
    }

    @Test
    void dumpLoadsBackToTheSameConfigWithoutItsSecrets() {
        DashboardConfig config = DashboardConfig.parse("product_auth = \"p\"\nmigration_async_maxbytes = \"1.5mb\"\n");

        assertThat(DashboardConfig.parse(config.toToml())).isEqualTo(config.withProductAuth(""));
    }

    @Test
    void jsonIsTheOverviewConfigObject() {
        DashboardConfig config = DashboardConfig.parse("""
                coordinator_name = "zookeeper"
                coordinator_addr = "10.2.16.10:2181"
                coordinator_auth = "user:secret"
                product_auth = "never-shown"
                """);

        String json = JsonCodec.pretty(config);

        assertThat(json).isEqualTo(ConfigResources.text("dashboard-config-zookeeper.json"))
                .doesNotContain("secret", "never-shown", "product_auth");
    }

    @Test
    void loadsAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("dashboard.toml");
        Files.writeString(file, "product_name = \"from-file\"\n");

        assertThat(DashboardConfig.load(file).productName()).isEqualTo("from-file");
        assertThatThrownBy(() -> DashboardConfig.load(dir.resolve("missing.toml")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("open " + dir.resolve("missing.toml") + ": no such file or directory");
    }

    @Test
    void emptyFileMeansDefaults() {
        assertThat(DashboardConfig.parse("")).isEqualTo(DashboardConfig.defaults());
        assertThat(DashboardConfig.parse("# only comments\n\n")).isEqualTo(DashboardConfig.defaults());
    }
}
