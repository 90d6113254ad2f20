package io.codis.proxy.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The slot number argument of SLOTSSCAN and SLOTSMAPPING, refused with the original's (Go) messages. */
class SlotsMappingTest {

    @Test
    void slotNumbersInRange() {
        assertThat(SlotsMapping.slotNumber("0")).isZero();
        assertThat(SlotsMapping.slotNumber("1023")).isEqualTo(1023);
        assertThat(SlotsMapping.slotNumber("+7")).isEqualTo(7);
        for (String bad : new String[] {"1024", "-1", "abc", "", "1.5", "99999999999999999999"}) {
            assertThat(SlotsMapping.slotNumber(bad)).as(bad).isEqualTo(-1);
        }
    }

    @Test
    void refusalsSayWhyAsStrconvDoes() {
        assertThat(text(SlotsMapping.badSlotNumber("1024"))).isEqualTo("-ERR parse slotnum '1024' failed, out of range\r\n");
        assertThat(text(SlotsMapping.badSlotNumber("x1")))
                .isEqualTo("-ERR parse slotnum 'x1' failed, strconv.ParseInt: parsing \"x1\": invalid syntax\r\n");
        assertThat(text(SlotsMapping.badSlotNumber("-99999999999999999999"))).isEqualTo(
                "-ERR parse slotnum '-99999999999999999999' failed, strconv.ParseInt: parsing \"-99999999999999999999\": value out of range\r\n");
    }

    private static String text(ByteBuf reply) {
        try {
            return reply.toString(StandardCharsets.UTF_8);
        } finally {
            reply.release();
        }
    }
}
