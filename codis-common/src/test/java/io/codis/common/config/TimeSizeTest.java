package io.codis.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codis.common.json.JsonCodec;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeSizeTest {

    @ParameterizedTest(name = "\"{0}\" = {1} ns")
    @CsvSource(delimiter = '|', value = {
            "30s | 30000000000",
            "5m | 300000000000",
            "1h | 3600000000000",
            "30 | 30000000000",
            "1.5 | 1500000000",
            "0 | 0",
            "0s | 0",
            "'  30  s  ' | 30000000000",
            "1500ms | 1500000000",
            "10us | 10000",
            "100ns | 100",
            "1.5h | 5400000000000",
            ".5s | 500000000",
            "1.s | 1000000000",
            "-5s | -5000000000",
            "-1.5 | -1500000000",
            "0.000000001 | 1",
            "75 | 75000000000"})
    void parsesTheOriginalForms(String text, long nanos) {
        assertThat(TimeSize.parse(text).duration()).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"1h30m", "30S", "30 sec", "abc", "", "   ", ".", "1.2.3s", "s", "5 m s", "1e3", "30d",
            "9999999999h", "99999999999", "--5s", "+5s", "1,5s"})
    void refusesEverythingElse(String text) {
        assertThatThrownBy(() -> TimeSize.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} ns -> \"{1}\"")
    @CsvSource({
            "0, 0",
            "30000000000, 30s",
            "75000000000, 75s",
            "300000000000, 5m",
            "1800000000000, 30m",
            "3600000000000, 1h",
            "1500000000, 1500ms",
            "1000, 1us",
            "1500, 1.5µs",
            "12, 12ns",
            "1000000001, 1.000000001s",
            "3661000000001, 1h1m1.000000001s",
            "60000000001, 1m0.000000001s",
            "-30000000000, -30s",
            "-1500, -1.5µs",
            "1234567, 1.234567ms"})
    void formatsCanonically(long nanos, String text) {
        assertThat(new TimeSize(Duration.ofNanos(nanos))).hasToString(text);
    }

    @Test
    void canonicalTextParsesBackToTheSameValue() {
        for (String text : new String[] {"30s", "5m", "1500ms", "75s", "20s", "1h", "7us", "0"}) {
            assertThat(TimeSize.parse(TimeSize.parse(text).toString()).toString()).isEqualTo(text);
        }
    }

    @Test
    void longestDurationsGoAllowsAreAccepted() {
        assertThat(TimeSize.parse("2562047h").duration()).isEqualTo(Duration.ofHours(2562047));
        assertThatThrownBy(() -> TimeSize.parse("2562048h")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new TimeSize(Duration.ofNanos(Long.MAX_VALUE))).hasToString("2562047h47m16.854775807s");
        assertThatThrownBy(() -> new TimeSize(Duration.ofDays(365 * 300))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonIsTheCanonicalString() {
        assertThat(JsonCodec.compact(TimeSize.parse("300"))).isEqualTo("\"5m\"");
        assertThat(JsonCodec.read("\"1500ms\"", TimeSize.class)).isEqualTo(TimeSize.parse("1.5s"));
    }
}
