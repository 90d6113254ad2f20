package io.codis.common.slot;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The slot of a key, as Codis computes it: CRC-32/IEEE of the key's hash tag, modulo 1024.
 * The hash tag is the bytes between the first '{' and the first '}' after it, even when that is
 * empty; a key without such a pair is hashed whole.
 */
public final class SlotHash {
    public static final int SLOT_COUNT = 1024;
    public static final int MAX_SLOT_ID = SLOT_COUNT - 1;

    private SlotHash() {
    }

    public static int slotOf(byte[] key) {
        return slotOf(key, 0, key.length);
    }

    public static int slotOf(String key) {
        return slotOf(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The slot of the key stored in {@code key[offset, offset + length)}. */
    public static int slotOf(byte[] key, int offset, int length) {
        int end = offset + length;
        int open = indexOf(key, (byte) '{', offset, end);
        if (open >= 0) {
            int close = indexOf(key, (byte) '}', open + 1, end);
            if (close >= 0) {
                return crc32Slot(key, open + 1, close - open - 1);
            }
        }
        return crc32Slot(key, offset, length);
    }

    public static boolean isValidSlot(int sid) {
        return sid >= 0 && sid < SLOT_COUNT;
    }

    private static int crc32Slot(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) (crc.getValue() & MAX_SLOT_ID);
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
