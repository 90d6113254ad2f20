package io.codis.common.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of one TOML config file and everything done with them: parse a file strictly (unknown
 * keys refused, obsolete keys of older Codis releases accepted and ignored with a warning), check
 * each value, print the default file, dump a config without its secrets, and build the JSON
 * config object of the admin API.
 */
final class ConfigSchema {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigSchema.class);
    private static final TomlMapper TOML = new TomlMapper();

    private final String title;
    private final List<Setting<?>> fileOrder;
    private final List<Setting<?>> structOrder;
    private final Map<String, String> obsoleteKeys;

    /**
     * @param title        the banner of the default file, e.g. {@code Codis-Proxy}
     * @param fileOrder    every setting, in the order of the default file
     * @param structOrder  the keys in the order of the JSON config object and the TOML dump
     * @param obsoleteKeys keys of older releases that are accepted and ignored, with a hint for the operator
     */
    ConfigSchema(String title, List<Setting<?>> fileOrder, List<String> structOrder, Map<String, String> obsoleteKeys) {
        Map<String, Setting<?>> byKey = fileOrder.stream()
                .collect(Collectors.toMap(Setting::key, Function.identity(), (a, b) -> {
                    throw new IllegalArgumentException("duplicate key " + a.key());
                }, LinkedHashMap::new));
        if (!new HashSet<>(structOrder).equals(byKey.keySet()) || structOrder.size() != byKey.size()) {
            throw new IllegalArgumentException("struct order must list every key once");
        }
        this.title = title;
        this.fileOrder = List.copyOf(fileOrder);
        this.structOrder = structOrder.stream().<Setting<?>>map(byKey::get).toList();
        this.obsoleteKeys = Map.copyOf(obsoleteKeys);
    }

    SettingValues defaults() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Setting<?> setting : fileOrder) {
            values.put(setting.key(), setting.defaultValue());
        }
        return new SettingValues(values);
    }

    /** The defaults overridden by the keys of {@code tomlText}; values are read, not yet checked. */
    SettingValues parse(String tomlText) {
        JsonNode root = parseToml(tomlText);
        Map<String, Setting<?>> byKey = new LinkedHashMap<>();
        fileOrder.forEach(setting -> byKey.put(setting.key(), setting));
        Map<String, Object> values = new LinkedHashMap<>();
        fileOrder.forEach(setting -> values.put(setting.key(), setting.defaultValue()));
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String key = entry.getKey();
            Setting<?> setting = byKey.get(key);
            if (setting != null) {
                values.put(key, read(setting, entry.getValue()));
            } else if (obsoleteKeys.containsKey(key)) {
                LOG.warn("ignored obsolete key {} ({})", key, obsoleteKeys.get(key));
            } else {
                throw new ConfigException("unknown key " + key + " (not a " + title + " setting, see --default-config)");
            }
        }
        return new SettingValues(values);
    }

    /** {@link #parse} of a file's content; a missing or unreadable file is a one-line {@link ConfigException}. */
    SettingValues load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("open " + file + ": no such file or directory", e);
        } catch (AccessDeniedException e) {
            throw new ConfigException("open " + file + ": permission denied", e);
        } catch (IOException | UncheckedIOException e) {
            throw new ConfigException("read " + file + ": " + e.getMessage(), e);
        }
        return parse(text);
    }

    /** Fails with {@code invalid {key}} for the first value (in struct order) its rule refuses. */
    void check(SettingValues values) {
        for (Setting<?> setting : structOrder) {
            checkOne(setting, values);
        }
    }

    /** The default file: banner, then every key with its comment, in file order. */
    String defaultToml() {
        StringBuilder text = new StringBuilder();
        String rule = "#".repeat(50);
        text.append(rule).append('\n')
                .append('#').append(" ".repeat(48)).append("#\n")
                .append(centered(title, 48)).append('\n')
                .append('#').append(" ".repeat(48)).append("#\n")
                .append(rule).append('\n');
        for (Setting<?> setting : fileOrder) {
            if (!setting.comment().isEmpty()) {
                text.append('\n');
                setting.comment().lines().forEach(line -> text.append(line.isEmpty() ? "#" : "# " + line).append('\n'));
            }
            text.append(setting.commentedOut() ? "#" : "")
                    .append(setting.key()).append(" = ").append(setting.defaultLiteral()).append('\n');
        }
        return text.toString();
    }

    /** {@code key = value} lines in struct order, canonical values, without secrets. */
    String dump(SettingValues values) {
        StringBuilder text = new StringBuilder();
        for (Setting<?> setting : structOrder) {
            if (setting.exposure() == Setting.Exposure.PUBLIC) {
                text.append(setting.key()).append(" = ").append(tomlLiteral(setting, values)).append('\n');
            }
        }
        return text.toString();
    }

    /** The JSON config object: struct order, secrets left out, blanked keys as {@code ""}. */
    ObjectNode json(SettingValues values) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (Setting<?> setting : structOrder) {
            switch (setting.exposure()) {
                case PUBLIC -> json.set(setting.key(), jsonValue(setting, values));
                case BLANKED -> json.set(setting.key(), TextNode.valueOf(""));
                case SECRET -> { }
            }
        }
        return json;
    }

    private static <T> String tomlLiteral(Setting<T> setting, SettingValues values) {
        return setting.type().toToml(values.get(setting));
    }

    private static <T> JsonNode jsonValue(Setting<T> setting, SettingValues values) {
        return setting.type().toJson(values.get(setting));
    }

    private static <T> void checkOne(Setting<T> setting, SettingValues values) {
        if (!setting.accepts(values.get(setting))) {
            throw new ConfigException("invalid " + setting.key());
        }
    }

    private static <T> T read(Setting<T> setting, JsonNode node) {
        try {
            return setting.type().read(node);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid " + setting.key() + " = " + tomlText(node)
                    + " (expected " + setting.type().expectation() + ")", e);
        }
    }

    private static String tomlText(JsonNode node) {
        return node.isTextual() ? SettingType.tomlString(node.textValue()) : node.toString();
    }

    private static JsonNode parseToml(String text) {
        try {
            JsonNode root = TOML.readTree(text);
            return root == null ? JsonNodeFactory.instance.objectNode() : root;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String reason = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").strip();
            String line = where == null || where.getLineNr() < 0 ? "" : " at line " + where.getLineNr();
            throw new ConfigException("invalid toml" + line + ": " + reason, e);
        }
    }

    private static String centered(String title, int width) {
        int left = (width - title.length()) / 2;
        int right = width - title.length() - left;
        return "#" + " ".repeat(left) + title + " ".repeat(right) + "#";
    }
}
