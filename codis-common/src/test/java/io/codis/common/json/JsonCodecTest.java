package io.codis.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    @JsonPropertyOrder({"name", "list", "empty_list", "empty_map", "nested"})
    record Sample(String name, List<Integer> list, List<String> empty_list, Map<String, String> empty_map, Nested nested) {
    }

    record Nested(int a) {
    }

    @Test
    void prettyPrintsLikeGoMarshalIndent() {
        Sample sample = new Sample("x", List.of(1, 2), List.of(), Map.of(), new Nested(7));

        assertThat(JsonCodec.pretty(sample)).isEqualTo("""
                {
                    "name": "x",
                    "list": [
                        1,
                        2
                    ],
                    "empty_list": [],
                    "empty_map": {},
                    "nested": {
                        "a": 7
                    }
                }""");
    }

    @Test
    void emptyContainersAtTheTopLevel() {
        assertThat(JsonCodec.pretty(List.of())).isEqualTo("[]");
        assertThat(JsonCodec.pretty(Map.of())).isEqualTo("{}");
        assertThat(JsonCodec.pretty(List.of(Map.of(), List.of()))).isEqualTo("""
                [
                    {},
                    []
                ]""");
    }

    @Test
    void nestedArraysOfObjectsIndentPerLevel() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("rows", List.of(List.of("a", "b"), List.of()));
        doc.put("objs", List.of(Map.of("k", Map.of("deep", List.of(true)))));

        assertThat(JsonCodec.pretty(doc)).isEqualTo("""
                {
                    "objs": [
                        {
                            "k": {
                                "deep": [
                                    true
                                ]
                            }
                        }
                    ],
                    "rows": [
                        [
                            "a",
                            "b"
                        ],
                        []
                    ]
                }""");
    }

    @Test
    void scalarsHaveNoTrailingNewline() {
        assertThat(JsonCodec.pretty("OK")).isEqualTo("\"OK\"");
        assertThat(JsonCodec.pretty(null)).isEqualTo("null");
        assertThat(JsonCodec.prettyBytes("OK")).hasSize(4);
    }

    @Test
    void escapesHtmlCharactersAndControlsLikeGo() {
        assertThat(JsonCodec.pretty("invalid xauth, please check product name & auth"))
                .isEqualTo("\"invalid xauth, please check product name \\u0026 auth\"");
        assertThat(JsonCodec.pretty("<a>")).isEqualTo("\"\\u003ca\\u003e\"");
        assertThat(JsonCodec.pretty("l1\nl2\tx\r\u0001\u001f\b\f"))
                .isEqualTo("\"l1\\nl2\\tx\\r\\u0001\\u001f\\u0008\\u000c\"");
        assertThat(JsonCodec.pretty("q\"b\\s/")).isEqualTo("\"q\\\"b\\\\s/\"");
        assertThat(JsonCodec.pretty("\u2028\u2029é中")).isEqualTo("\"\\u2028\\u2029é中\"");
        assertThat(new String(JsonCodec.prettyBytes("é<"), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("\"é\\u003c\"");
    }

    @Test
    void sortsMapKeysLikeGo() {
        Map<String, Integer> unsorted = new LinkedHashMap<>();
        unsorted.put("b", 1);
        unsorted.put("a", 2);
        unsorted.put("C", 3);
        assertThat(JsonCodec.compact(unsorted)).isEqualTo("{\"C\":3,\"a\":2,\"b\":1}");
    }

    @Test
    void floatsUseGoNumberForm() {
        assertThat(JsonCodec.compact(List.of(1.0, 0.0099, 1500000.0, 0.0, 1e-7, 1.5e-7, 1e21, 123456789012.5, -2.5, 1e20)))
                .isEqualTo("[1,0.0099,1500000,0,1e-7,1.5e-7,1e+21,123456789012.5,-2.5,100000000000000000000]");
        assertThat(JsonCodec.compact(List.of(0.25f, 12.0f))).isEqualTo("[0.25,12]");
        assertThat(JsonCodec.compact(List.of(1.2345e-10, 6.02e23))).isEqualTo("[1.2345e-10,6.02e+23]");
    }

    @Test
    void intsStayInts() {
        assertThat(JsonCodec.compact(List.of(1, 21473L, -3))).isEqualTo("[1,21473,-3]");
    }

    @Test
    void readerIgnoresUnknownFieldsAndDecodesGenerics() {
        Nested nested = JsonCodec.read("{\"a\": 3, \"zzz\": [1, {\"x\": null}]}", Nested.class);
        assertThat(nested.a()).isEqualTo(3);

        List<Nested> list = JsonCodec.read("[{\"a\":1},{\"a\":2}]", new TypeReference<List<Nested>>() { });
        assertThat(list).extracting(Nested::a).containsExactly(1, 2);
    }

    @Test
    void invalidJsonIsAOneLineDecodeError() {
        assertThatThrownBy(() -> JsonCodec.read("{\"a\": ", Nested.class))
                .isInstanceOf(JsonDecodeException.class)
                .hasMessageStartingWith("invalid json: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> JsonCodec.readTree(new byte[0]))
                .isInstanceOf(JsonDecodeException.class);
    }

    @Test
    void unescapesWhatGoEscapes() {
        assertThat(JsonCodec.read("\"a \\u0026 b \\u003c\"", String.class)).isEqualTo("a & b <");
    }
}
