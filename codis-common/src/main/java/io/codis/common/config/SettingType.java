package io.codis.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.function.Function;

/**
 * How one kind of setting is read from a TOML value, written back as a TOML literal and shown in
 * the JSON config object. Durations and sizes accept strings and bare TOML numbers.
 */
final class SettingType<T> {
    static final SettingType<String> STRING = new SettingType<>("a string",
            node -> {
                require(node.isTextual());
                return node.textValue();
            },
            SettingType::tomlString, TextNode::valueOf);

    static final SettingType<Integer> INT = new SettingType<>("an integer",
            node -> {
                require(node.isIntegralNumber() && node.canConvertToInt());
                return node.intValue();
            },
            String::valueOf, IntNode::valueOf);

    static final SettingType<Boolean> BOOL = new SettingType<>("true or false",
            node -> {
                require(node.isBoolean());
                return node.booleanValue();
            },
            String::valueOf, BooleanNode::valueOf);

    static final SettingType<TimeSize> DURATION = new SettingType<>(
            "a duration such as \"30s\", \"5m\", \"1h\" or a number of seconds",
            node -> TimeSize.parse(numberOrText(node)),
            value -> tomlString(value.toString()), value -> TextNode.valueOf(value.toString()));

    static final SettingType<ByteSize> SIZE = new SettingType<>(
            "a size such as \"32mb\", \"128kb\" or a number of bytes",
            node -> ByteSize.parse(numberOrText(node)),
            value -> tomlString(value.toString()), value -> TextNode.valueOf(value.toString()));

    private final String expectation;
    private final Function<JsonNode, T> reader;
    private final Function<T, String> tomlWriter;
    private final Function<T, JsonNode> jsonWriter;

    private SettingType(String expectation, Function<JsonNode, T> reader, Function<T, String> tomlWriter,
                        Function<T, JsonNode> jsonWriter) {
        this.expectation = expectation;
        this.reader = reader;
        this.tomlWriter = tomlWriter;
        this.jsonWriter = jsonWriter;
    }

    /** What a valid value looks like, for error messages. */
    String expectation() {
        return expectation;
    }

    /** The value of a TOML node; {@link IllegalArgumentException} when it has the wrong type or form. */
    T read(JsonNode node) {
        return reader.apply(node);
    }

    String toToml(T value) {
        return tomlWriter.apply(value);
    }

    JsonNode toJson(T value) {
        return jsonWriter.apply(value);
    }

    /** A TOML basic string literal. */
    static String tomlString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String numberOrText(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        require(node.isNumber() && !node.isDouble() && !node.isFloat());
        return node.isIntegralNumber() ? node.bigIntegerValue().toString() : node.decimalValue().toPlainString();
    }

    private static void require(boolean condition) {
        if (!condition) {
            throw new IllegalArgumentException("wrong type");
        }
    }
}
