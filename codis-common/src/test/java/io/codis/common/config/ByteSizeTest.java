package io.codis.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codis.common.json.JsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    @ParameterizedTest(name = "\"{0}\" = {1} bytes")
    @CsvSource(delimiter = '|', value = {
            "32mb | 33554432",
            "128kb | 131072",
            "64kb | 65536",
            "1.5mb | 1572864",
            "131072 | 131072",
            "1024mb | 1073741824",
            "0 | 0",
            "1b | 1",
            "1k | 1024",
            "1m | 1048576",
            "1g | 1073741824",
            "1gb | 1073741824",
            "1t | 1099511627776",
            "2tb | 2199023255552",
            "1p | 1125899906842624",
            "1pb | 1125899906842624",
            "' 1 kb ' | 1024",
            "1.5 | 1",
            "-1kb | -1024",
            "32MB | 33554432",
            ".5kb | 512"})
    void parsesTheOriginalForms(String text, long bytes) {
        assertThat(ByteSize.parse(text).bytes()).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"1kib", "mb", "", "1 k b", "1.2.3mb", "1e3", "abc", "9999999pb", "99999999999999999999",
            "1 megabyte", "."})
    void refusesEverythingElse(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} -> \"{1}\"")
    @CsvSource({
            "0, 0",
            "1073741824, 1gb",
            "33554432, 32mb",
            "131072, 128kb",
            "65536, 64kb",
            "1500, 1500",
            "1536, 1536",
            "1572864, 1536kb",
            "1125899906842624, 1pb",
            "2199023255552, 2tb",
            "-1024, -1kb"})
    void formatsCanonically(long bytes, String text) {
        assertThat(new ByteSize(bytes)).hasToString(text);
    }

    @Test
    void jsonIsTheCanonicalString() {
        assertThat(JsonCodec.compact(ByteSize.parse("1024mb"))).isEqualTo("\"1gb\"");
        assertThat(JsonCodec.read("\"256mb\"", ByteSize.class).bytes()).isEqualTo(256L << 20);
    }
}
