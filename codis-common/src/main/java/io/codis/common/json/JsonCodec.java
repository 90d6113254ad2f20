package io.codis.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON dialect every Codis component speaks: what Go's encoding/json writes and reads.
 * Pretty output is byte-for-byte {@code json.MarshalIndent(v, "", "    ")} without a trailing
 * newline; strings escape {@code <}, {@code >}, {@code &} as Go does; map keys are sorted; floats
 * use Go's number form. Readers ignore unknown fields.
 */
public final class JsonCodec {
    private static final ObjectMapper MAPPER = createMapper();
    private static final ObjectWriter PRETTY = MAPPER.writer(GoPrettyPrinter.create());

    private JsonCodec() {
    }

    /** A shared, configured mapper (compact output); use {@link #prettyWriter()} for Go's indented form. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A writer producing Go's indented form. */
    public static ObjectWriter prettyWriter() {
        return PRETTY;
    }

    /** {@code value} as Go's indented JSON text, without a trailing newline. */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code value} as Go's indented JSON, UTF-8, without a trailing newline. */
    public static byte[] prettyBytes(Object value) {
        return pretty(value).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code value} as compact JSON text. */
    public static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Decodes {@code json}; throws {@link JsonDecodeException} with the parser's reason when it is not valid for {@code type}. */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new JsonDecodeException(e);
        }
    }

    /** Decodes {@code json} into a generic type such as {@code List<Slot>}. */
    public static <T> T read(byte[] json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new JsonDecodeException(e);
        }
    }

    /** Decodes {@code json} text. */
    public static <T> T read(String json, Class<T> type) {
        return read(json.getBytes(StandardCharsets.UTF_8), type);
    }

    /** Decodes {@code json} text into a generic type. */
    public static <T> T read(String json, TypeReference<T> type) {
        return read(json.getBytes(StandardCharsets.UTF_8), type);
    }

    /** Decodes {@code json} as a tree. */
    public static JsonNode readTree(byte[] json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new JsonDecodeException(new IOException("unexpected end of JSON input"));
            }
            return node;
        } catch (IOException e) {
            throw new JsonDecodeException(e);
        }
    }

    private static ObjectMapper createMapper() {
        JsonFactory factory = new JsonFactory();
        factory.setCharacterEscapes(new GoCharacterEscapes());
        SimpleModule goNumbers = new SimpleModule("go-numbers");
        GoFloatSerializer floats = new GoFloatSerializer();
        goNumbers.addSerializer(Double.class, floats);
        goNumbers.addSerializer(double.class, floats);
        goNumbers.addSerializer(Float.class, floats);
        goNumbers.addSerializer(float.class, floats);
        return JsonMapper.builder(factory)
                .addModule(goNumbers)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
    }
}
