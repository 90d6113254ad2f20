package io.codis.common.slot;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.internal.MathUtil;
import io.netty.util.internal.PlatformDependent;
import java.nio.charset.StandardCharsets;

/**
 * The slot of a key, as Codis computes it: CRC-32/IEEE of the key's hash tag, modulo 1024.
 * The hash tag is the bytes between the first '{' and the first '}' after it, even when that is
 * empty; a key without such a pair is hashed whole. A key inside a (direct) {@link ByteBuf} is
 * hashed where it lies, with no copy.
 */
public final class SlotHash {
    public static final int SLOT_COUNT = 1024;
    public static final int MAX_SLOT_ID = SLOT_COUNT - 1;

    /** Whether keys in memory may be read eight bytes at a time (unaligned loads are allowed). */
    private static final boolean WORDS = PlatformDependent.isUnaligned();

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

    /**
     * The slot of the key stored in {@code buf}'s bytes at absolute indexes {@code [from, from + length)}.
     * A buffer with a memory address (the data plane's direct buffers) is read in place, eight bytes at a
     * time while no '{' is among them.
     */
    public static int slotOf(ByteBuf buf, int from, int length) {
        if (!buf.hasMemoryAddress()) {
            return slotOf(ByteBufUtil.getBytes(buf, from, length, false));
        }
        if (MathUtil.isOutOfBounds(from, length, buf.capacity())) {
            throw new IndexOutOfBoundsException("key at " + from + ", length " + length + ", in " + buf.capacity() + " bytes");
        }
        long at = buf.memoryAddress() + from;
        long end = at + length;
        int crc = Crc32Ieee.INITIAL;
        if (WORDS) {
            for (; end - at >= 8; at += 8) {
                long word = littleEndianWord(at);
                if (hasOpeningBrace(word)) {
                    break;
                }
                crc = Crc32Ieee.update(crc, word);
            }
        }
        for (; at < end; at++) {
            byte b = PlatformDependent.getByte(at);
            if (b == '{') {
                return taggedSlot(at + 1, end, crc);
            }
            crc = Crc32Ieee.update(crc, b);
        }
        return ~crc & MAX_SLOT_ID;
    }

    /** The rest of {@link #slotOf(ByteBuf, int, int)} from the byte after the first '{', at {@code tag}. */
    private static int taggedSlot(long tag, long end, int crcBeforeTag) {
        for (long close = tag; close < end; close++) {
            if (PlatformDependent.getByte(close) == '}') {
                return ~crc32(Crc32Ieee.INITIAL, tag, close) & MAX_SLOT_ID;
            }
        }
        return ~crc32(Crc32Ieee.update(crcBeforeTag, (byte) '{'), tag, end) & MAX_SLOT_ID;
    }

    private static int crc32(int crc, long from, long end) {
        for (long at = from; at < end; at++) {
            crc = Crc32Ieee.update(crc, PlatformDependent.getByte(at));
        }
        return crc;
    }

    private static long littleEndianWord(long address) {
        long word = PlatformDependent.getLong(address);
        return PlatformDependent.BIG_ENDIAN_NATIVE_ORDER ? Long.reverseBytes(word) : word;
    }

    private static boolean hasOpeningBrace(long word) {
        long v = word ^ 0x7B7B7B7B7B7B7B7BL;
        return ((v - 0x0101010101010101L) & ~v & 0x8080808080808080L) != 0;
    }

    public static boolean isValidSlot(int sid) {
        return sid >= 0 && sid < SLOT_COUNT;
    }

    private static int crc32Slot(byte[] bytes, int offset, int length) {
        int crc = Crc32Ieee.INITIAL;
        for (int i = offset, end = offset + length; i < end; i++) {
            crc = Crc32Ieee.update(crc, bytes[i]);
        }
        return ~crc & MAX_SLOT_ID;
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
