package io.codis.common.config;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the dashboard's and the proxy's configurations share: the values of every setting of their
 * {@link ConfigSchema}, checked when made (with the product name), the advertised addresses given
 * on the command line, the TOML dump and JSON object without secrets, and equality by value.
 */
public abstract class SchemaConfig {
    private final ConfigSchema schema;
    private final SettingValues values;
    private final HostOverrides hosts;

    SchemaConfig(ConfigSchema schema, SettingValues values, HostOverrides hosts, Setting<String> productName) {
        schema.check(values);
        SettingRules.checkProductName(values.get(productName));
        this.schema = schema;
        this.values = values;
        this.hosts = hosts;
    }

    final <T> T get(Setting<T> setting) {
        return values.get(setting);
    }

    final SettingValues values() {
        return values;
    }

    final HostOverrides hosts() {
        return hosts;
    }

    /** The {@code --host-admin} override of the advertised admin address, or empty. */
    public String hostAdmin() {
        return hosts.admin();
    }

    /** The config as TOML, canonical values, without secrets (for the log line {@code create ... with config}). */
    public String toToml() {
        return schema.dump(values);
    }

    /** The {@code config} object of the overview ({@code GET /topom}, {@code GET /proxy}). */
    @JsonValue
    public ObjectNode toJson() {
        return schema.json(values);
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && values.equals(((SchemaConfig) other).values)
                && hosts.equals(((SchemaConfig) other).hosts);
    }

    @Override
    public int hashCode() {
        return values.hashCode() * 31 + hosts.hashCode();
    }

    @Override
    public String toString() {
        return toToml();
    }
}
