package io.codis.common.slot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlotHashTest {

    /** The reference's test vectors, computed with the original algorithm. */
    @ParameterizedTest(name = "slot of \"{0}\" is {1}")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
        "''|0",
        "a|579",
        "foo|289",
        "bar|170",
        "hello|646",
        "123456789|294",
        "user1000|870",
        "{user1000}.following|870",
        "foo{}bar|0",
        "foo{bar|407",
        "foo}bar{zap}|846",
        "{a}{b}|579",
        "x{a}y{b}|579",
    })
    void matchesReferenceVectors(String key, int slot) {
        assertThat(SlotHash.slotOf(key)).isEqualTo(slot);
    }

    @Test
    void emptyTagHashesTheEmptyStringUnlikeRedisCluster() {
        assertThat(SlotHash.slotOf("{}anything")).isZero();
        assertThat(SlotHash.slotOf("prefix{}")).isZero();
    }

    @Test
    void closingBraceBeforeOpeningOneIsNotATag() {
        assertThat(SlotHash.slotOf("}a{")).isEqualTo(SlotHash.slotOf("}a{".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(SlotHash.slotOf("a"));
    }

    @Test
    void binaryKeysHashTheirBytes() {
        byte[] key = {(byte) 0xff, 0x00, '{', (byte) 0x80, 0x01, '}', (byte) 0xfe};
        byte[] tag = {(byte) 0x80, 0x01};
        assertThat(SlotHash.slotOf(key)).isEqualTo(SlotHash.slotOf(tag));
        assertThat(SlotHash.slotOf(new byte[] {0})).isEqualTo(909); // crc32 of 0x00 = 0xD202EF8D
    }

    @Test
    void hashesASliceOfALargerBuffer() {
        byte[] buffer = "xxx{user1000}.followingyyy".getBytes(StandardCharsets.UTF_8);
        assertThat(SlotHash.slotOf(buffer, 3, "{user1000}.following".length())).isEqualTo(870);
        byte[] untagged = "--foo--".getBytes(StandardCharsets.UTF_8);
        assertThat(SlotHash.slotOf(untagged, 2, 3)).isEqualTo(289);
    }

    @Test
    void braceOutsideTheSliceIsIgnored() {
        byte[] buffer = "{foo}".getBytes(StandardCharsets.UTF_8);
        assertThat(SlotHash.slotOf(buffer, 1, 3)).isEqualTo(289);
    }

    @Test
    void everySlotIsInRange() {
        for (int i = 0; i < 10_000; i++) {
            assertThat(SlotHash.slotOf("key:" + i)).isBetween(0, SlotHash.MAX_SLOT_ID);
        }
    }
}
