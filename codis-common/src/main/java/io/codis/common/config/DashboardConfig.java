package io.codis.common.config;

import static io.codis.common.config.DashboardSettings.*;

import io.codis.common.model.Slot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The dashboard's configuration ({@code dashboard.toml}): built-in defaults overridden by the file,
 * then by command-line options through the {@code with...} methods. Every instance is valid: each
 * way of making one checks the whole config and throws a {@link ConfigException} otherwise.
 * Unknown keys are refused. {@link #toToml()} and {@link #toJson()} never show product_auth, and
 * show coordinator_auth blank (JSON) or not at all (TOML).
 */
public final class DashboardConfig extends SchemaConfig {
    private DashboardConfig(SettingValues values, HostOverrides hosts) {
        super(SCHEMA, values, hosts, PRODUCT_NAME);
    }

    /** The built-in defaults (what {@link #defaultToml()} says). */
    public static DashboardConfig defaults() {
        return new DashboardConfig(SCHEMA.defaults(), HostOverrides.NONE);
    }

    /** The defaults overridden by a TOML text. */
    public static DashboardConfig parse(String tomlText) {
        return new DashboardConfig(SCHEMA.parse(tomlText), HostOverrides.NONE);
    }

    /** The defaults overridden by a TOML file. */
    public static DashboardConfig load(Path file) {
        return new DashboardConfig(SCHEMA.load(file), HostOverrides.NONE);
    }

    /** The text of {@code codis-dashboard --default-config} and of the shipped {@code config/dashboard.toml}. */
    public static String defaultToml() {
        return SCHEMA.defaultToml();
    }

    public String coordinatorName() {
        return get(COORDINATOR_NAME);
    }

    public String coordinatorAddr() {
        return get(COORDINATOR_ADDR);
    }

    /** {@code user:password} or empty. */
    public String coordinatorAuth() {
        return get(COORDINATOR_AUTH);
    }

    public String productName() {
        return get(PRODUCT_NAME);
    }

    public String productAuth() {
        return get(PRODUCT_AUTH);
    }

    /** The listen address of the HTTP API. */
    public String adminAddr() {
        return get(ADMIN_ADDR);
    }

    /** {@code sync} or {@code semi-async} as written (any case). */
    public String migrationMethod() {
        return get(MIGRATION_METHOD);
    }

    /** {@link Slot#FORWARD_SYNC} or {@link Slot#FORWARD_SEMI_ASYNC}. */
    public int migrationForwardMethod() {
        return forwardMethodOf(migrationMethod());
    }

    public int migrationParallelSlots() {
        return get(MIGRATION_PARALLEL_SLOTS);
    }

    public int migrationAsyncMaxBulks() {
        return get(MIGRATION_ASYNC_MAXBULKS);
    }

    public long migrationAsyncMaxBytes() {
        return get(MIGRATION_ASYNC_MAXBYTES).bytes();
    }

    public int migrationAsyncNumKeys() {
        return get(MIGRATION_ASYNC_NUMKEYS);
    }

    public Duration migrationTimeout() {
        return get(MIGRATION_TIMEOUT).duration();
    }

    public Duration sentinelClientTimeout() {
        return get(SENTINEL_CLIENT_TIMEOUT).duration();
    }

    public int sentinelQuorum() {
        return get(SENTINEL_QUORUM);
    }

    public int sentinelParallelSyncs() {
        return get(SENTINEL_PARALLEL_SYNCS);
    }

    public Duration sentinelDownAfter() {
        return get(SENTINEL_DOWN_AFTER).duration();
    }

    public Duration sentinelFailoverTimeout() {
        return get(SENTINEL_FAILOVER_TIMEOUT).duration();
    }

    public String sentinelNotificationScript() {
        return get(SENTINEL_NOTIFICATION_SCRIPT);
    }

    public String sentinelClientReconfigScript() {
        return get(SENTINEL_CLIENT_RECONFIG_SCRIPT);
    }

    /** After a sentinel failover, resync the group and re-attach the old master by itself (not in the original). */
    public boolean sentinelAutoResync() {
        return get(SENTINEL_AUTO_RESYNC);
    }

    /** {@code --product_name}. */
    public DashboardConfig withProductName(String productName) {
        return new DashboardConfig(values().with(PRODUCT_NAME, productName), hosts());
    }

    /** {@code --product_auth}. */
    public DashboardConfig withProductAuth(String productAuth) {
        return new DashboardConfig(values().with(PRODUCT_AUTH, productAuth), hosts());
    }

    /** {@code --zookeeper}, {@code --etcd}, {@code --filesystem}: the auth stays the file's. */
    public DashboardConfig withCoordinator(String name, String addr) {
        return new DashboardConfig(values().with(COORDINATOR_NAME, name).with(COORDINATOR_ADDR, addr), hosts());
    }

    /** {@code --host-admin}. */
    public DashboardConfig withHostAdmin(String address) {
        return new DashboardConfig(values(), hosts().withAdmin(address));
    }

    static int forwardMethodOf(String method) {
        return switch (method.toLowerCase(Locale.ROOT)) {
            case "sync" -> Slot.FORWARD_SYNC;
            case "semi-async" -> Slot.FORWARD_SEMI_ASYNC;
            default -> -1;
        };
    }
}
