package io.codis.common.config;

import io.codis.common.model.Slot;
import java.util.List;
import java.util.Map;

/** The settings of {@code dashboard.toml}, in the order of the default file, and their schema. */
final class DashboardSettings {
    static final Setting<String> COORDINATOR_NAME = Setting.string("coordinator_name", "filesystem")
            .mustBe(SettingRules::notEmpty)
            .introducedBy("""
                    Where the product's topology is stored: "zookeeper" (or "zk"), "etcd" or
                    "filesystem" (or "fs"). The address is a comma-separated host:port list for
                    zookeeper and etcd, and a root directory for filesystem (which only suits
                    clusters whose components all run on one host). coordinator_auth is
                    "user:password" when ZooKeeper (digest) or etcd (basic auth) needs one, e.g.
                      coordinator_name = "zookeeper"
                      coordinator_addr = "10.0.0.1:2181,10.0.0.2:2181,10.0.0.3:2181\"""");
    static final Setting<String> COORDINATOR_ADDR = Setting.string("coordinator_addr", "/tmp/codis")
            .mustBe(SettingRules::notEmpty);
    static final Setting<String> COORDINATOR_AUTH = Setting.string("coordinator_auth", "")
            .exposed(Setting.Exposure.BLANKED)
            .commentedOutByDefault();
    static final Setting<String> PRODUCT_NAME = Setting.string("product_name", "codis-demo")
            .mustBe(SettingRules::notEmpty)
            .introducedBy("""
                    The product (cluster) this dashboard manages: letters, digits, '_', '.', '-'.
                    product_auth is the password of the product's Redis servers; proxies must be
                    configured with the same one.""");
    static final Setting<String> PRODUCT_AUTH = Setting.string("product_auth", "")
            .exposed(Setting.Exposure.SECRET);
    static final Setting<String> ADMIN_ADDR = Setting.string("admin_addr", "0.0.0.0:18080")
            .mustBe(SettingRules::notEmpty)
            .introducedBy("Listen address of the dashboard's HTTP API (TCP).");
    static final Setting<String> MIGRATION_METHOD = Setting.string("migration_method", "semi-async")
            .mustBe(method -> DashboardConfig.forwardMethodOf(method) >= 0)
            .introducedBy("""
                    Slot migration. migration_method is "sync" or "semi-async"; at most
                    migration_parallel_slots slots migrate at the same time; the async_* values
                    bound one batch of keys moved by the semi-async method (bulks, bytes, keys);
                    migration_timeout bounds one migration step.""");
    static final Setting<Integer> MIGRATION_PARALLEL_SLOTS = Setting.integer("migration_parallel_slots", 100)
            .mustBe(n -> n > 0);
    static final Setting<Integer> MIGRATION_ASYNC_MAXBULKS = Setting.integer("migration_async_maxbulks", 200)
            .mustBe(n -> n > 0);
    static final Setting<ByteSize> MIGRATION_ASYNC_MAXBYTES = Setting.size("migration_async_maxbytes", "32mb")
            .mustBe(size -> size.bytes() > 0);
    static final Setting<Integer> MIGRATION_ASYNC_NUMKEYS = Setting.integer("migration_async_numkeys", 500)
            .mustBe(n -> n > 0);
    static final Setting<TimeSize> MIGRATION_TIMEOUT = Setting.duration("migration_timeout", "30s")
            .mustBe(SettingRules::positive);
    static final Setting<TimeSize> SENTINEL_CLIENT_TIMEOUT = Setting.duration("sentinel_client_timeout", "10s")
            .mustBe(SettingRules::positive)
            .introducedBy("""
                    Redis Sentinel. sentinel_client_timeout bounds each call to a sentinel; the
                    other values are set on every master the sentinels monitor for this product
                    (quorum, parallel-syncs, down-after, failover-timeout, and the two scripts
                    when they are not empty).""");
    static final Setting<Integer> SENTINEL_QUORUM = Setting.integer("sentinel_quorum", 2)
            .mustBe(n -> n > 0);
    static final Setting<Integer> SENTINEL_PARALLEL_SYNCS = Setting.integer("sentinel_parallel_syncs", 1)
            .mustBe(n -> n > 0);
    static final Setting<TimeSize> SENTINEL_DOWN_AFTER = Setting.duration("sentinel_down_after", "30s")
            .mustBe(SettingRules::positive);
    static final Setting<TimeSize> SENTINEL_FAILOVER_TIMEOUT = Setting.duration("sentinel_failover_timeout", "5m")
            .mustBe(SettingRules::positive);
    static final Setting<String> SENTINEL_NOTIFICATION_SCRIPT = Setting.string("sentinel_notification_script", "");
    static final Setting<String> SENTINEL_CLIENT_RECONFIG_SCRIPT = Setting.string("sentinel_client_reconfig_script", "");
    static final Setting<Boolean> SENTINEL_AUTO_RESYNC = Setting.bool("sentinel_auto_resync", true)
            .introducedBy("""
                    Not in the original: after the sentinels fail a group over, the dashboard
                    itself pushes the group's new master to every proxy (as the console's SYNC
                    does) and, once the old master answers again, makes it a replica of the new
                    one (a sync action). false leaves both to the operator, as the original.""");

    static final ConfigSchema SCHEMA = new ConfigSchema("Codis-Dashboard",
            List.of(COORDINATOR_NAME, COORDINATOR_ADDR, COORDINATOR_AUTH, PRODUCT_NAME, PRODUCT_AUTH, ADMIN_ADDR,
                    MIGRATION_METHOD, MIGRATION_PARALLEL_SLOTS, MIGRATION_ASYNC_MAXBULKS, MIGRATION_ASYNC_MAXBYTES,
                    MIGRATION_ASYNC_NUMKEYS, MIGRATION_TIMEOUT, SENTINEL_CLIENT_TIMEOUT, SENTINEL_QUORUM,
                    SENTINEL_PARALLEL_SYNCS, SENTINEL_DOWN_AFTER, SENTINEL_FAILOVER_TIMEOUT,
                    SENTINEL_NOTIFICATION_SCRIPT, SENTINEL_CLIENT_RECONFIG_SCRIPT, SENTINEL_AUTO_RESYNC),
            List.of("coordinator_name", "coordinator_addr", "coordinator_auth", "admin_addr", "product_name",
                    "product_auth", "migration_method", "migration_parallel_slots", "migration_async_maxbulks",
                    "migration_async_maxbytes", "migration_async_numkeys", "migration_timeout",
                    "sentinel_client_timeout", "sentinel_quorum", "sentinel_parallel_syncs", "sentinel_down_after",
                    "sentinel_failover_timeout", "sentinel_notification_script", "sentinel_client_reconfig_script",
                    "sentinel_auto_resync"),
            Map.of());

    private DashboardSettings() {
    }
}
