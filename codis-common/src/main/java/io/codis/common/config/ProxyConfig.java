package io.codis.common.config;

import static io.codis.common.config.ProxySettings.*;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The proxy's configuration ({@code proxy.toml}): built-in defaults overridden by the file, then
 * by command-line options through the {@code with...} methods. Every instance is valid: each way
 * of making one checks the whole config and throws a {@link ConfigException} otherwise. Unknown
 * keys are refused; keys of Codis 3.0/3.1 files that no longer exist are ignored with a warning.
 * {@link #toToml()} and {@link #toJson()} never show product_auth, session_auth or the InfluxDB
 * password, and show jodis_auth blank (JSON) or not at all (TOML).
 */
public final class ProxyConfig extends SchemaConfig {
    private ProxyConfig(SettingValues values, HostOverrides hosts) {
        super(SCHEMA, values, hosts, PRODUCT_NAME);
        if (!get(JODIS_NAME).isEmpty()) {
            if (get(JODIS_ADDR).isEmpty()) {
                throw new ConfigException("invalid jodis_addr");
            }
            if (!SettingRules.notNegative(get(JODIS_TIMEOUT))) {
                throw new ConfigException("invalid jodis_timeout");
            }
        }
    }

    /** The built-in defaults (what {@link #defaultToml()} says). */
    public static ProxyConfig defaults() {
        return new ProxyConfig(SCHEMA.defaults(), HostOverrides.NONE);
    }

    /** The defaults overridden by a TOML text. */
    public static ProxyConfig parse(String tomlText) {
        return new ProxyConfig(SCHEMA.parse(tomlText), HostOverrides.NONE);
    }

    /** The defaults overridden by a TOML file. */
    public static ProxyConfig load(Path file) {
        return new ProxyConfig(SCHEMA.load(file), HostOverrides.NONE);
    }

    /** The text of {@code codis-proxy --default-config} and of the shipped {@code config/proxy.toml}. */
    public static String defaultToml() {
        return SCHEMA.defaultToml();
    }

    public String productName() {
        return get(PRODUCT_NAME);
    }

    public String productAuth() {
        return get(PRODUCT_AUTH);
    }

    public String sessionAuth() {
        return get(SESSION_AUTH);
    }

    public String adminAddr() {
        return get(ADMIN_ADDR);
    }

    public String protoType() {
        return get(PROTO_TYPE);
    }

    public String proxyAddr() {
        return get(PROXY_ADDR);
    }

    /** The {@code --host-proxy} override of the advertised proxy address, or empty. */
    public String hostProxy() {
        return hosts().proxy();
    }

    public String jodisName() {
        return get(JODIS_NAME);
    }

    public String jodisAddr() {
        return get(JODIS_ADDR);
    }

    public String jodisAuth() {
        return get(JODIS_AUTH);
    }

    public Duration jodisTimeout() {
        return get(JODIS_TIMEOUT).duration();
    }

    public boolean jodisCompatible() {
        return get(JODIS_COMPATIBLE);
    }

    public String proxyDatacenter() {
        return get(PROXY_DATACENTER);
    }

    public int proxyMaxClients() {
        return get(PROXY_MAX_CLIENTS);
    }

    /** proxy_max_owned_conns: the most backend connections clients own at once (0: blocking commands and transactions refused). */
    public int proxyMaxOwnedConns() {
        return get(PROXY_MAX_OWNED_CONNS);
    }

    /** proxy_allow_keys: KEYS answered over every group (false: refused as the original). */
    public boolean proxyAllowKeys() {
        return get(PROXY_ALLOW_KEYS);
    }

    /** proxy_allow_flush: FLUSHDB and FLUSHALL sent to every group's master (false: refused as the original). */
    public boolean proxyAllowFlush() {
        return get(PROXY_ALLOW_FLUSH);
    }

    public long proxyMaxOffheapBytes() {
        return get(PROXY_MAX_OFFHEAP_SIZE).bytes();
    }

    public long proxyHeapPlaceholder() {
        return get(PROXY_HEAP_PLACEHOLDER).bytes();
    }

    public Duration backendPingPeriod() {
        return get(BACKEND_PING_PERIOD).duration();
    }

    public long backendRecvBufsize() {
        return get(BACKEND_RECV_BUFSIZE).bytes();
    }

    public Duration backendRecvTimeout() {
        return get(BACKEND_RECV_TIMEOUT).duration();
    }

    public long backendSendBufsize() {
        return get(BACKEND_SEND_BUFSIZE).bytes();
    }

    public Duration backendSendTimeout() {
        return get(BACKEND_SEND_TIMEOUT).duration();
    }

    public int backendMaxPipeline() {
        return get(BACKEND_MAX_PIPELINE);
    }

    public boolean backendPrimaryOnly() {
        return get(BACKEND_PRIMARY_ONLY);
    }

    public int backendPrimaryParallel() {
        return get(BACKEND_PRIMARY_PARALLEL);
    }

    public int backendReplicaParallel() {
        return get(BACKEND_REPLICA_PARALLEL);
    }

    public Duration backendKeepAlivePeriod() {
        return get(BACKEND_KEEPALIVE_PERIOD).duration();
    }

    public int backendNumberDatabases() {
        return get(BACKEND_NUMBER_DATABASES);
    }

    public long sessionRecvBufsize() {
        return get(SESSION_RECV_BUFSIZE).bytes();
    }

    public Duration sessionRecvTimeout() {
        return get(SESSION_RECV_TIMEOUT).duration();
    }

    /** session_pubsub_output_limit: unsent bytes past which a subscribed client is disconnected (0: no limit). */
    public long sessionPubsubOutputLimit() {
        return get(SESSION_PUBSUB_OUTPUT_LIMIT).bytes();
    }

    public long sessionSendBufsize() {
        return get(SESSION_SEND_BUFSIZE).bytes();
    }

    public Duration sessionSendTimeout() {
        return get(SESSION_SEND_TIMEOUT).duration();
    }

    public int sessionMaxPipeline() {
        return get(SESSION_MAX_PIPELINE);
    }

    public Duration sessionKeepAlivePeriod() {
        return get(SESSION_KEEPALIVE_PERIOD).duration();
    }

    public boolean sessionBreakOnFailure() {
        return get(SESSION_BREAK_ON_FAILURE);
    }

    public String metricsReportServer() {
        return get(METRICS_REPORT_SERVER);
    }

    public Duration metricsReportPeriod() {
        return get(METRICS_REPORT_PERIOD).duration();
    }

    public String metricsReportInfluxdbServer() {
        return get(METRICS_REPORT_INFLUXDB_SERVER);
    }

    public Duration metricsReportInfluxdbPeriod() {
        return get(METRICS_REPORT_INFLUXDB_PERIOD).duration();
    }

    public String metricsReportInfluxdbUsername() {
        return get(METRICS_REPORT_INFLUXDB_USERNAME);
    }

    public String metricsReportInfluxdbPassword() {
        return get(METRICS_REPORT_INFLUXDB_PASSWORD);
    }

    public String metricsReportInfluxdbDatabase() {
        return get(METRICS_REPORT_INFLUXDB_DATABASE);
    }

    public String metricsReportStatsdServer() {
        return get(METRICS_REPORT_STATSD_SERVER);
    }

    public Duration metricsReportStatsdPeriod() {
        return get(METRICS_REPORT_STATSD_PERIOD).duration();
    }

    public String metricsReportStatsdPrefix() {
        return get(METRICS_REPORT_STATSD_PREFIX);
    }

    /** {@code --product_name}. */
    public ProxyConfig withProductName(String productName) {
        return new ProxyConfig(values().with(PRODUCT_NAME, productName), hosts());
    }

    /** {@code --product_auth}. */
    public ProxyConfig withProductAuth(String productAuth) {
        return new ProxyConfig(values().with(PRODUCT_AUTH, productAuth), hosts());
    }

    /** {@code --session_auth}. */
    public ProxyConfig withSessionAuth(String sessionAuth) {
        return new ProxyConfig(values().with(SESSION_AUTH, sessionAuth), hosts());
    }

    /** {@code --host-admin}. */
    public ProxyConfig withHostAdmin(String address) {
        return new ProxyConfig(values(), hosts().withAdmin(address));
    }

    /** {@code --host-proxy}. */
    public ProxyConfig withHostProxy(String address) {
        return new ProxyConfig(values(), hosts().withProxy(address));
    }
}
