package io.codis.common.config;

import java.util.List;
import java.util.Map;

/** The settings of {@code proxy.toml}, in the order of the default file, and their schema. */
final class ProxySettings {
    static final Setting<String> PRODUCT_NAME = Setting.string("product_name", "codis-demo")
            .mustBe(SettingRules::notEmpty)
            .introducedBy("""
                    The product (cluster) this proxy serves: letters, digits, '_', '.', '-'.
                    product_auth is the password of the product's Redis servers: the proxy
                    authenticates to them with it, and the dashboard must use the same one to
                    manage this proxy.""");
    static final Setting<String> PRODUCT_AUTH = Setting.string("product_auth", "")
            .exposed(Setting.Exposure.SECRET);
    static final Setting<String> SESSION_AUTH = Setting.string("session_auth", "")
            .exposed(Setting.Exposure.SECRET)
            .introducedBy("""
                    The password clients must give with AUTH before any other command; empty lets
                    every client in. It is independent of product_auth, which clients never see.""");
    static final Setting<String> ADMIN_ADDR = Setting.string("admin_addr", "0.0.0.0:11080")
            .mustBe(SettingRules::notEmpty)
            .introducedBy("Listen address of the proxy's HTTP admin API (TCP).");
    static final Setting<String> PROTO_TYPE = Setting.string("proto_type", "tcp4")
            .mustBe(SettingRules::notEmpty)
            .introducedBy("""
                    Listen address for Redis clients. proto_type is "tcp", "tcp4", "tcp6", "unix"
                    or "unixpacket"; with the unix types proxy_addr is a socket path.""");
    static final Setting<String> PROXY_ADDR = Setting.string("proxy_addr", "0.0.0.0:19000")
            .mustBe(SettingRules::notEmpty);
    static final Setting<String> JODIS_NAME = Setting.string("jodis_name", "")
            .introducedBy("""
                    Jodis: publish this proxy where Jodis clients look for proxies.
                      jodis_name       coordinator type, "zookeeper" or "etcd"
                      jodis_addr       its address; empty disables the registration
                      jodis_auth       "user:password" if the coordinator needs one
                      jodis_timeout    ZooKeeper session timeout, or etcd TTL of the node
                    The node is /jodis/{product_name}/proxy-{token}. jodis_compatible = true puts
                    it where Codis 2.x clients look instead: /zk/codis/db_{product_name}/proxy/{token}.""");
    static final Setting<String> JODIS_ADDR = Setting.string("jodis_addr", "");
    static final Setting<String> JODIS_AUTH = Setting.string("jodis_auth", "")
            .exposed(Setting.Exposure.BLANKED);
    static final Setting<TimeSize> JODIS_TIMEOUT = Setting.duration("jodis_timeout", "20s");
    static final Setting<Boolean> JODIS_COMPATIBLE = Setting.bool("jodis_compatible", false);
    static final Setting<String> PROXY_DATACENTER = Setting.string("proxy_datacenter", "")
            .introducedBy("Datacenter of this proxy; replicas of the same datacenter are preferred for reads.");
    static final Setting<Integer> PROXY_MAX_CLIENTS = Setting.integer("proxy_max_clients", 1000)
            .mustBe(n -> n >= 0)
            .introducedBy("Most client connections open at once; further clients are turned away.");
    static final Setting<Integer> PROXY_MAX_OWNED_CONNS = Setting.integer("proxy_max_owned_conns", 0)
            .mustBe(n -> n >= 0)
            .introducedBy("""
                    Most backend connections clients own at once, over the whole proxy: each
                    blocking command (BLPOP, XREAD BLOCK, WAIT...) and each MULTI/EXEC/WATCH runs on
                    one, so they never hold up other clients on a shared connection. 0, the
                    default, refuses those commands as Codis 3.2 does.""");
    static final Setting<Boolean> PROXY_ALLOW_KEYS = Setting.bool("proxy_allow_keys", false)
            .introducedBy("""
                    true answers KEYS pattern with the matching keys of every group's master
                    (it blocks each of them while it runs); false, the default, refuses it as
                    Codis 3.2 does.""");
    static final Setting<Boolean> PROXY_ALLOW_FLUSH = Setting.bool("proxy_allow_flush", false)
            .introducedBy("""
                    true sends FLUSHDB and FLUSHALL [ASYNC|SYNC] to every group's master (each
                    empties its part of the keyspace: every key of the product is gone); false,
                    the default, refuses them as Codis 3.2 does.""");
    static final Setting<ByteSize> PROXY_MAX_OFFHEAP_SIZE = Setting.size("proxy_max_offheap_size", "1024mb")
            .mustBe(SettingRules::notNegative)
            .introducedBy("""
                    Memory: a limit on off-heap memory (0 for none), and a heap reserve meant to
                    space out garbage collections.""");
    static final Setting<ByteSize> PROXY_HEAP_PLACEHOLDER = Setting.size("proxy_heap_placeholder", "256mb")
            .mustBe(SettingRules::notNegative);
    static final Setting<TimeSize> BACKEND_PING_PERIOD = Setting.duration("backend_ping_period", "5s")
            .mustBe(SettingRules::notNegative)
            .introducedBy("How often each backend connection is checked with a PING (0 disables).");
    static final Setting<ByteSize> BACKEND_RECV_BUFSIZE = Setting.size("backend_recv_bufsize", "128kb")
            .mustBe(SettingRules::notNegative)
            .introducedBy("Buffer sizes and timeouts of the connections to Redis servers (a 0 timeout waits forever).");
    static final Setting<TimeSize> BACKEND_RECV_TIMEOUT = Setting.duration("backend_recv_timeout", "30s")
            .mustBe(SettingRules::notNegative);
    static final Setting<ByteSize> BACKEND_SEND_BUFSIZE = Setting.size("backend_send_bufsize", "128kb")
            .mustBe(SettingRules::notNegative);
    static final Setting<TimeSize> BACKEND_SEND_TIMEOUT = Setting.duration("backend_send_timeout", "30s")
            .mustBe(SettingRules::notNegative);
    static final Setting<Integer> BACKEND_MAX_PIPELINE = Setting.integer("backend_max_pipeline", 20480)
            .mustBe(n -> n >= 0)
            .introducedBy("Most requests waiting for a reply on one backend connection.");
    static final Setting<Boolean> BACKEND_PRIMARY_ONLY = Setting.bool("backend_primary_only", false)
            .introducedBy("true sends every request to the masters, ignoring replica groups.");
    static final Setting<Integer> BACKEND_PRIMARY_PARALLEL = Setting.integer("backend_primary_parallel", 1)
            .mustBe(n -> n >= 0)
            .introducedBy("Connections opened to each master and to each replica, per database.");
    static final Setting<Integer> BACKEND_REPLICA_PARALLEL = Setting.integer("backend_replica_parallel", 1)
            .mustBe(n -> n >= 0);
    static final Setting<TimeSize> BACKEND_KEEPALIVE_PERIOD = Setting.duration("backend_keepalive_period", "75s")
            .mustBe(SettingRules::notNegative)
            .introducedBy("TCP keepalive period of backend connections (0 disables).");
    static final Setting<Integer> BACKEND_NUMBER_DATABASES = Setting.integer("backend_number_databases", 16)
            .mustBe(n -> n >= 1)
            .introducedBy("Number of databases of the Redis servers: clients may SELECT 0 to this minus one.");
    static final Setting<ByteSize> SESSION_RECV_BUFSIZE = Setting.size("session_recv_bufsize", "128kb")
            .mustBe(SettingRules::notNegative)
            .introducedBy("""
                    Buffer sizes and timeouts of client connections. A client that sends nothing
                    for session_recv_timeout is disconnected (0 never disconnects idle clients).""");
    static final Setting<TimeSize> SESSION_RECV_TIMEOUT = Setting.duration("session_recv_timeout", "30m")
            .mustBe(SettingRules::notNegative);
    static final Setting<ByteSize> SESSION_SEND_BUFSIZE = Setting.size("session_send_bufsize", "64kb")
            .mustBe(SettingRules::notNegative);
    static final Setting<TimeSize> SESSION_SEND_TIMEOUT = Setting.duration("session_send_timeout", "30s")
            .mustBe(SettingRules::notNegative);
    static final Setting<Integer> SESSION_MAX_PIPELINE = Setting.integer("session_max_pipeline", 10000)
            .mustBe(n -> n >= 0)
            .introducedBy("""
                    Most requests one client may have waiting for replies; a client that pipelines
                    more is disconnected, so keep this above your clients' largest pipeline.""");
    static final Setting<TimeSize> SESSION_KEEPALIVE_PERIOD = Setting.duration("session_keepalive_period", "75s")
            .mustBe(SettingRules::notNegative)
            .introducedBy("TCP keepalive period of client connections (0 disables).");
    static final Setting<Boolean> SESSION_BREAK_ON_FAILURE = Setting.bool("session_break_on_failure", false)
            .introducedBy("""
                    When the proxy fails to serve a request: false answers it with an error reply,
                    true closes the client's connection.""");
    static final Setting<ByteSize> SESSION_PUBSUB_OUTPUT_LIMIT = Setting.size("session_pubsub_output_limit", "32mb")
            .mustBe(SettingRules::notNegative)
            .introducedBy("""
                    A subscribed client whose unsent messages pass this many bytes (it reads
                    slower than they are published) is disconnected, as Redis'
                    client-output-buffer-limit pubsub does; 0 sets no limit.""");
    static final Setting<String> METRICS_REPORT_SERVER = Setting.string("metrics_report_server", "")
            .introducedBy("""
                    Metrics reporting, each enabled by a non-empty server. The overview of the
                    proxy is POSTed as JSON to an HTTP server (e.g. "http://localhost:28000")
                    every period.""");
    static final Setting<TimeSize> METRICS_REPORT_PERIOD = Setting.duration("metrics_report_period", "1s")
            .mustBe(SettingRules::notNegative);
    static final Setting<String> METRICS_REPORT_INFLUXDB_SERVER = Setting.string("metrics_report_influxdb_server", "")
            .introducedBy("Points written to InfluxDB (e.g. \"http://localhost:8086\").");
    static final Setting<TimeSize> METRICS_REPORT_INFLUXDB_PERIOD = Setting.duration("metrics_report_influxdb_period", "1s")
            .mustBe(SettingRules::notNegative);
    static final Setting<String> METRICS_REPORT_INFLUXDB_USERNAME = Setting.string("metrics_report_influxdb_username", "");
    static final Setting<String> METRICS_REPORT_INFLUXDB_PASSWORD = Setting.string("metrics_report_influxdb_password", "")
            .exposed(Setting.Exposure.SECRET);
    static final Setting<String> METRICS_REPORT_INFLUXDB_DATABASE = Setting.string("metrics_report_influxdb_database", "");
    static final Setting<String> METRICS_REPORT_STATSD_SERVER = Setting.string("metrics_report_statsd_server", "")
            .introducedBy("Gauges sent to StatsD (e.g. \"localhost:8125\"), named after the prefix.");
    static final Setting<TimeSize> METRICS_REPORT_STATSD_PERIOD = Setting.duration("metrics_report_statsd_period", "1s")
            .mustBe(SettingRules::notNegative);
    static final Setting<String> METRICS_REPORT_STATSD_PREFIX = Setting.string("metrics_report_statsd_prefix", "");

    static final ConfigSchema SCHEMA = new ConfigSchema("Codis-Proxy",
            List.of(PRODUCT_NAME, PRODUCT_AUTH, SESSION_AUTH, ADMIN_ADDR, PROTO_TYPE, PROXY_ADDR,
                    JODIS_NAME, JODIS_ADDR, JODIS_AUTH, JODIS_TIMEOUT, JODIS_COMPATIBLE,
                    PROXY_DATACENTER, PROXY_MAX_CLIENTS, PROXY_MAX_OWNED_CONNS, PROXY_ALLOW_KEYS, PROXY_ALLOW_FLUSH, PROXY_MAX_OFFHEAP_SIZE, PROXY_HEAP_PLACEHOLDER,
                    BACKEND_PING_PERIOD, BACKEND_RECV_BUFSIZE, BACKEND_RECV_TIMEOUT, BACKEND_SEND_BUFSIZE,
                    BACKEND_SEND_TIMEOUT, BACKEND_MAX_PIPELINE, BACKEND_PRIMARY_ONLY, BACKEND_PRIMARY_PARALLEL,
                    BACKEND_REPLICA_PARALLEL, BACKEND_KEEPALIVE_PERIOD, BACKEND_NUMBER_DATABASES,
                    SESSION_RECV_BUFSIZE, SESSION_RECV_TIMEOUT, SESSION_SEND_BUFSIZE, SESSION_SEND_TIMEOUT,
                    SESSION_MAX_PIPELINE, SESSION_KEEPALIVE_PERIOD, SESSION_BREAK_ON_FAILURE,
                    SESSION_PUBSUB_OUTPUT_LIMIT,
                    METRICS_REPORT_SERVER, METRICS_REPORT_PERIOD,
                    METRICS_REPORT_INFLUXDB_SERVER, METRICS_REPORT_INFLUXDB_PERIOD, METRICS_REPORT_INFLUXDB_USERNAME,
                    METRICS_REPORT_INFLUXDB_PASSWORD, METRICS_REPORT_INFLUXDB_DATABASE,
                    METRICS_REPORT_STATSD_SERVER, METRICS_REPORT_STATSD_PERIOD, METRICS_REPORT_STATSD_PREFIX),
            List.of("proto_type", "proxy_addr", "admin_addr", "jodis_name", "jodis_addr", "jodis_auth",
                    "jodis_timeout", "jodis_compatible", "product_name", "product_auth", "session_auth",
                    "proxy_datacenter", "proxy_max_clients", "proxy_max_offheap_size", "proxy_heap_placeholder",
                    "backend_ping_period", "backend_recv_bufsize", "backend_recv_timeout", "backend_send_bufsize",
                    "backend_send_timeout", "backend_max_pipeline", "backend_primary_only",
                    "backend_primary_parallel", "backend_replica_parallel", "backend_keepalive_period",
                    "backend_number_databases", "session_recv_bufsize", "session_recv_timeout",
                    "session_send_bufsize", "session_send_timeout", "session_max_pipeline",
                    "session_keepalive_period", "session_break_on_failure", "metrics_report_server",
                    "metrics_report_period", "metrics_report_influxdb_server", "metrics_report_influxdb_period",
                    "metrics_report_influxdb_username", "metrics_report_influxdb_password",
                    "metrics_report_influxdb_database", "metrics_report_statsd_server",
                    "metrics_report_statsd_period", "metrics_report_statsd_prefix", "proxy_max_owned_conns",
                    "proxy_allow_keys", "proxy_allow_flush", "session_pubsub_output_limit"),
            Map.of(
                    "session_max_timeout", "a Codis 3.0 setting, now session_recv_timeout",
                    "session_max_bufsize", "a Codis 3.0 setting, now session_recv_bufsize and session_send_bufsize",
                    "max_alive_sessions", "a Codis 3.1 development setting, now proxy_max_clients",
                    "max_offheap_mbytes", "a Codis 3.1 development setting, now proxy_max_offheap_size"));

    private ProxySettings() {
    }
}
