package io.codis.proxy.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.codis.common.slot.SlotHash;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The data plane's slot of a key in a buffer is the slot Codis gives the same bytes (SlotHash). */
class KeySlotsTest {

    private final KeySlots slots = new KeySlots();

    @Test
    void hashTagsAndPlainKeysHashLikeCodis() {
        for (String key : List.of("", "a", "key:000000123456", "{user1000}.following", "{user1000}.followers",
                "foo{}{bar}", "foo{{bar}}zap", "foo{bar}{zap}", "{", "}", "}{", "a}b{c", "{a", "a{b}", "{}",
                "\u00e9t\u00e9{\u00e9}")) {
            assertEquals(SlotHash.slotOf(key), slotInBuffer(key.getBytes(StandardCharsets.UTF_8)), key);
        }
    }

    @Test
    void keysLongerThanTheScratchArrayAndThanItsLimit() {
        for (int length : new int[] {255, 256, 257, 5000, 64 * 1024, 64 * 1024 + 1, 200_000}) {
            byte[] key = new byte[length];
            for (int i = 0; i < length; i++) {
                key[i] = (byte) ('a' + i % 26);
            }
            assertEquals(SlotHash.slotOf(key), slotInBuffer(key), "length " + length);
            key[length / 2] = '{';
            key[length - 1] = '}';
            assertEquals(SlotHash.slotOf(key), slotInBuffer(key), "tagged, length " + length);
        }
        byte[] small = "{tag}rest".getBytes(StandardCharsets.UTF_8);
        assertEquals(SlotHash.slotOf(small), slotInBuffer(small), "a short key after a long one");
    }

    /** The key stored at an offset inside a larger pooled buffer, between other bytes. */
    private int slotInBuffer(byte[] key) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(key.length + 20);
        try {
            buf.writeBytes("*2\r\n$3\r\nGET\r\n".getBytes(StandardCharsets.US_ASCII));
            int from = buf.writerIndex();
            buf.writeBytes(key).writeBytes("{x}\r\n".getBytes(StandardCharsets.US_ASCII));
            return slots.slotOf(buf, from, key.length);
        } finally {
            buf.release();
        }
    }
}
