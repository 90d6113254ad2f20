package io.codis.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.codis.common.json.JsonCodec;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

class ProxyConfigTest {

    @Test
    void defaultsAreTheReferenceValues() {
        ProxyConfig config = ProxyConfig.defaults();

        assertThat(config.productName()).isEqualTo("codis-demo");
        assertThat(config.productAuth()).isEmpty();
        assertThat(config.sessionAuth()).isEmpty();
        assertThat(config.adminAddr()).isEqualTo("0.0.0.0:11080");
        assertThat(config.protoType()).isEqualTo("tcp4");
        assertThat(config.proxyAddr()).isEqualTo("0.0.0.0:19000");
        assertThat(config.hostAdmin()).isEmpty();
        assertThat(config.hostProxy()).isEmpty();
        assertThat(config.jodisName()).isEmpty();
        assertThat(config.jodisAddr()).isEmpty();
        assertThat(config.jodisAuth()).isEmpty();
        assertThat(config.jodisTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.jodisCompatible()).isFalse();
        assertThat(config.proxyDatacenter()).isEmpty();
        assertThat(config.proxyMaxClients()).isEqualTo(1000);
        assertThat(config.proxyMaxOffheapBytes()).isEqualTo(1024L << 20);
        assertThat(config.proxyHeapPlaceholder()).isEqualTo(256L << 20);
        assertThat(config.backendPingPeriod()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.backendRecvBufsize()).isEqualTo(128L << 10);
        assertThat(config.backendRecvTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.backendSendBufsize()).isEqualTo(128L << 10);
        assertThat(config.backendSendTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.backendMaxPipeline()).isEqualTo(20480);
        assertThat(config.backendPrimaryOnly()).isFalse();
        assertThat(config.backendPrimaryParallel()).isEqualTo(1);
        assertThat(config.backendReplicaParallel()).isEqualTo(1);
        assertThat(config.backendKeepAlivePeriod()).isEqualTo(Duration.ofSeconds(75));
        assertThat(config.backendNumberDatabases()).isEqualTo(16);
        assertThat(config.sessionRecvBufsize()).isEqualTo(128L << 10);
        assertThat(config.sessionRecvTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.sessionSendBufsize()).isEqualTo(64L << 10);
        assertThat(config.sessionSendTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.sessionMaxPipeline()).isEqualTo(10000);
        assertThat(config.sessionKeepAlivePeriod()).isEqualTo(Duration.ofSeconds(75));
        assertThat(config.sessionBreakOnFailure()).isFalse();
        assertThat(config.metricsReportServer()).isEmpty();
        assertThat(config.metricsReportPeriod()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.metricsReportInfluxdbServer()).isEmpty();
        assertThat(config.metricsReportInfluxdbPeriod()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.metricsReportInfluxdbUsername()).isEmpty();
        assertThat(config.metricsReportInfluxdbPassword()).isEmpty();
        assertThat(config.metricsReportInfluxdbDatabase()).isEmpty();
        assertThat(config.metricsReportStatsdServer()).isEmpty();
        assertThat(config.metricsReportStatsdPeriod()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.metricsReportStatsdPrefix()).isEmpty();
    }

    @Test
    void defaultTextLoadsAsTheDefaults() {
        assertThat(ProxyConfig.parse(ProxyConfig.defaultToml())).isEqualTo(ProxyConfig.defaults());
    }

    @Test
    void defaultTextHasTheBannerAndEveryKeyInFileOrder() {
        assertThat(ProxyConfig.defaultToml()).contains("Codis-Proxy")
                .containsSubsequence("product_name", "product_auth", "session_auth", "admin_addr", "proto_type",
                        "proxy_addr", "jodis_name", "jodis_addr", "jodis_auth", "jodis_timeout", "jodis_compatible",
                        "proxy_datacenter", "proxy_max_clients", "proxy_max_owned_conns = 0", "proxy_allow_keys = false", "proxy_allow_flush = false", "proxy_max_offheap_size = \"1024mb\"",
                        "proxy_heap_placeholder", "backend_ping_period", "backend_recv_bufsize", "backend_recv_timeout",
                        "backend_send_bufsize", "backend_send_timeout", "backend_max_pipeline", "backend_primary_only",
                        "backend_primary_parallel", "backend_replica_parallel", "backend_keepalive_period",
                        "backend_number_databases", "session_recv_bufsize", "session_recv_timeout",
                        "session_send_bufsize", "session_send_timeout", "session_max_pipeline",
                        "session_keepalive_period", "session_break_on_failure", "session_pubsub_output_limit = \"32mb\"", "metrics_report_server",
                        "metrics_report_period", "metrics_report_influxdb_server", "metrics_report_influxdb_period",
                        "metrics_report_influxdb_username", "metrics_report_influxdb_password",
                        "metrics_report_influxdb_database", "metrics_report_statsd_server",
                        "metrics_report_statsd_period", "metrics_report_statsd_prefix");
    }

    @Test
    void defaultJsonIsTheReferenceExampleByteForByteThenTheCloneSettingsAtTheEnd() {
        assertThat(JsonCodec.pretty(ProxyConfig.defaults())).isEqualTo(ConfigResources.text("proxy-config-default.json"));
    }

    @Test
    void secretsNeverLeaveTheConfig() {
        ProxyConfig config = ProxyConfig.parse("""
                product_auth = "prod-secret"
                session_auth = "session-secret"
                jodis_name = "zookeeper"
                jodis_addr = "127.0.0.1:2181"
                jodis_auth = "jodis:secret"
                metrics_report_influxdb_password = "influx-secret"
                """);

        assertThat(config.productAuth()).isEqualTo("prod-secret");
        assertThat(config.sessionAuth()).isEqualTo("session-secret");
        assertThat(config.jodisAuth()).isEqualTo("jodis:secret");
        assertThat(config.metricsReportInfluxdbPassword()).isEqualTo("influx-secret");
        assertThat(config.toToml()).doesNotContain("secret", "product_auth", "session_auth", "jodis_auth", "password");
        assertThat(JsonCodec.pretty(config)).doesNotContain("secret", "product_auth", "session_auth", "password")
                .contains("\"jodis_auth\": \"\"");
        assertThat(config.toString()).doesNotContain("secret");
    }

    @Test
    void codis30FileStillLoadsAndObsoleteKeysAreIgnoredWithAWarning() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(ConfigSchema.class);
        log.start();
        logger.addAppender(log);
        try {
            ProxyConfig config = ProxyConfig.parse("""
                    product_name = "codis-demo"
                    product_auth = ""
                    admin_addr = "0.0.0.0:11080"
                    proto_type = "tcp4"
                    proxy_addr = "0.0.0.0:19000"
                    jodis_addr = ""
                    jodis_timeout = 10
                    jodis_compatible = false
                    backend_ping_period = 5
                    session_max_timeout = 1800
                    session_max_bufsize = 131072
                    session_max_pipeline = 1024
                    session_keepalive_period = 60
                    max_alive_sessions = 1000
                    max_offheap_mbytes = 1024
                    """);

            assertThat(config.jodisTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(config.backendPingPeriod()).isEqualTo(Duration.ofSeconds(5));
            assertThat(config.sessionMaxPipeline()).isEqualTo(1024);
            assertThat(config.sessionKeepAlivePeriod()).isEqualTo(Duration.ofSeconds(60));
            assertThat(config.sessionRecvTimeout()).isEqualTo(Duration.ofMinutes(30));
            assertThat(log.list).extracting(ILoggingEvent::getLevel).containsOnly(Level.WARN);
            assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(line -> assertThat(line).startsWith("ignored obsolete key session_max_timeout"))
                    .anySatisfy(line -> assertThat(line).startsWith("ignored obsolete key session_max_bufsize"))
                    .anySatisfy(line -> assertThat(line).startsWith("ignored obsolete key max_alive_sessions"))
                    .anySatisfy(line -> assertThat(line).startsWith("ignored obsolete key max_offheap_mbytes"))
                    .hasSize(4);
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void unknownKeysAreRefusedByName() {
        assertThatThrownBy(() -> ProxyConfig.parse("backend_primary_quick = 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown key backend_primary_quick (not a Codis-Proxy setting, see --default-config)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "proto_type = \"\" | invalid proto_type",
            "proxy_addr = \"\" | invalid proxy_addr",
            "admin_addr = \"\" | invalid admin_addr",
            "product_name = \"\" | invalid product_name",
            "product_name = \"a:b\" | bad product name = a:b",
            "proxy_max_clients = -1 | invalid proxy_max_clients",
            "proxy_max_offheap_size = \"-1mb\" | invalid proxy_max_offheap_size",
            "proxy_heap_placeholder = -1 | invalid proxy_heap_placeholder",
            "backend_ping_period = -1 | invalid backend_ping_period",
            "backend_recv_bufsize = \"-1\" | invalid backend_recv_bufsize",
            "backend_recv_timeout = \"-1s\" | invalid backend_recv_timeout",
            "backend_send_bufsize = \"-1kb\" | invalid backend_send_bufsize",
            "backend_send_timeout = \"-1s\" | invalid backend_send_timeout",
            "backend_max_pipeline = -1 | invalid backend_max_pipeline",
            "backend_primary_parallel = -1 | invalid backend_primary_parallel",
            "backend_replica_parallel = -1 | invalid backend_replica_parallel",
            "backend_keepalive_period = \"-75s\" | invalid backend_keepalive_period",
            "backend_number_databases = 0 | invalid backend_number_databases",
            "session_recv_bufsize = \"-1\" | invalid session_recv_bufsize",
            "session_recv_timeout = \"-1m\" | invalid session_recv_timeout",
            "session_send_bufsize = \"-1\" | invalid session_send_bufsize",
            "session_send_timeout = \"-1s\" | invalid session_send_timeout",
            "session_max_pipeline = -1 | invalid session_max_pipeline",
            "session_keepalive_period = \"-1s\" | invalid session_keepalive_period",
            "metrics_report_period = \"-1s\" | invalid metrics_report_period",
            "metrics_report_influxdb_period = \"-1s\" | invalid metrics_report_influxdb_period",
            "metrics_report_statsd_period = \"-1s\" | invalid metrics_report_statsd_period",
            "jodis_name = \"zookeeper\" | invalid jodis_addr",
            "'jodis_name = \"etcd\"\njodis_addr = \"h:1\"\njodis_timeout = \"-1s\"' | invalid jodis_timeout",
            "jodis_compatible = 0 | invalid jodis_compatible = 0 (expected true or false)"})
    void invalidValuesAreRefusedWithTheReferenceText(String text, String message) {
        assertThatThrownBy(() -> ProxyConfig.parse(text))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void zeroLimitsAreAllowed() {
        ProxyConfig config = ProxyConfig.parse("""
                proxy_max_clients = 0
                proxy_max_offheap_size = "0"
                backend_ping_period = "0"
                session_recv_timeout = 0
                jodis_timeout = "-1s"
                """);

        assertThat(config.proxyMaxClients()).isZero();
        assertThat(config.sessionRecvTimeout()).isZero();
        assertThat(config.jodisTimeout()).isNegative();
    }

    @Test
    void commandLineOverrides() {
        ProxyConfig config = ProxyConfig.defaults()
                .withProductName("p2")
                .withProductAuth("a")
                .withSessionAuth("s")
                .withHostAdmin("h:11080")
                .withHostProxy("h:19000");

        assertThat(config.productName()).isEqualTo("p2");
        assertThat(config.productAuth()).isEqualTo("a");
        assertThat(config.sessionAuth()).isEqualTo("s");
        assertThat(config.hostAdmin()).isEqualTo("h:11080");
        assertThat(config.hostProxy()).isEqualTo("h:19000");
        assertThat(JsonCodec.pretty(config)).doesNotContain("h:11080", "h:19000");
        assertThatThrownBy(() -> config.withProductName("")).hasMessage("invalid product_name");
    }

    @Test
    void dumpIsCanonicalAndLoadsBack() {
        ProxyConfig config = ProxyConfig.parse("""
                proxy_max_offheap_size = "2048mb"
                session_recv_timeout = 3600
                jodis_compatible = true
                """);

        assertThat(config.toToml()).startsWith("proto_type = \"tcp4\"\nproxy_addr = \"0.0.0.0:19000\"\n")
                .contains("proxy_max_offheap_size = \"2gb\"\n", "session_recv_timeout = \"1h\"\n",
                        "jodis_compatible = true\n");
        assertThat(ProxyConfig.parse(config.toToml())).isEqualTo(config);
    }
}
