package io.codis.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatsFlagsTest {

    @Test
    void decimalMaskSelectsTheParts() {
        StatsFlags flags = StatsFlags.parse("5");
        assertThat(flags.has(StatsFlags.WITH_COMMANDS)).isTrue();
        assertThat(flags.has(StatsFlags.WITH_SLOTS)).isFalse();
        assertThat(flags.has(StatsFlags.WITH_RUNTIME)).isTrue();
        assertThat(StatsFlags.parse("4294967295")).isEqualTo(StatsFlags.ALL);
        assertThat(StatsFlags.parse("+2").has(StatsFlags.WITH_SLOTS)).isTrue();
        assertThat(StatsFlags.parse("-1")).isEqualTo(StatsFlags.ALL);
    }

    @Test
    void notANumberIsRefusedWithGoStrconvMessages() {
        assertThatThrownBy(() -> StatsFlags.parse("x")).hasMessage("strconv.Atoi: parsing \"x\": invalid syntax");
        assertThatThrownBy(() -> StatsFlags.parse("1.5")).hasMessage("strconv.Atoi: parsing \"1.5\": invalid syntax");
        assertThatThrownBy(() -> StatsFlags.parse("-")).hasMessage("strconv.Atoi: parsing \"-\": invalid syntax");
        assertThatThrownBy(() -> StatsFlags.parse("99999999999999999999"))
                .hasMessage("strconv.Atoi: parsing \"99999999999999999999\": value out of range");
    }
}
