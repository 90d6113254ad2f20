package io.codis.common.slot;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
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

    @Test
    void theCrcIsCrc32Ieee() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            byte[] key = new byte[random.nextInt(80)];
            random.nextBytes(key);
            for (int j = 0; j < key.length; j++) {
                if (key[j] == '{') {
                    key[j] = 'x';
                }
            }
            CRC32 crc = new CRC32();
            crc.update(key);
            int slot = (int) (crc.getValue() & SlotHash.MAX_SLOT_ID);
            assertThat(SlotHash.slotOf(key)).as("key %d", i).isEqualTo(slot);
            assertThat(slotInDirectBuffer(key)).as("key %d in a buffer", i).isEqualTo(slot);
        }
    }

    @Test
    void aKeyInABufferHashesLikeItsBytes() {
        for (String key : List.of("", "a", "key:000000123456", "{user1000}.following", "{user1000}.followers",
                "foo{}{bar}", "foo{{bar}}zap", "foo{bar}{zap}", "{", "}", "}{", "a}b{c", "{a", "a{b}", "{}",
                "\u00e9t\u00e9{\u00e9}")) {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            assertThat(slotInDirectBuffer(bytes)).as(key).isEqualTo(SlotHash.slotOf(key));
            ByteBuf heap = Unpooled.wrappedBuffer(("{x}" + key + "{y}").getBytes(StandardCharsets.UTF_8));
            assertThat(SlotHash.slotOf(heap, 3, bytes.length)).as("heap " + key).isEqualTo(SlotHash.slotOf(key));
        }
    }

    @Test
    void longKeysInABuffer() {
        for (int length : new int[] {255, 256, 257, 5000, 200_000}) {
            byte[] key = new byte[length];
            for (int i = 0; i < length; i++) {
                key[i] = (byte) ('a' + i % 26);
            }
            assertThat(slotInDirectBuffer(key)).as("length " + length).isEqualTo(SlotHash.slotOf(key));
            key[length / 2] = '{';
            key[length - 1] = '}';
            assertThat(slotInDirectBuffer(key)).as("tagged, length " + length).isEqualTo(SlotHash.slotOf(key));
        }
    }

    /** The key stored in a slice of a pooled direct buffer, between bytes with braces of their own. */
    private static int slotInDirectBuffer(byte[] key) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(key.length + 40);
        try {
            buf.writeBytes("*2\r\n$3\r\nGET\r\n{a}".getBytes(StandardCharsets.US_ASCII));
            int from = buf.writerIndex();
            buf.writeBytes(key).writeBytes("{x}\r\n".getBytes(StandardCharsets.US_ASCII));
            ByteBuf slice = buf.slice(2, buf.writerIndex() - 2);
            return SlotHash.slotOf(slice, from - 2, key.length);
        } finally {
            buf.release();
        }
    }
}
