package io.codis.dashboard.migrate;

import io.codis.common.slot.SlotHash;

/**
 * A key of a pass and what decides how it moves: its type, its size ({@code MEMORY USAGE … SAMPLES 0},
 * -1 when not measured), its number of elements (0 for strings) and its {@code PEXPIRETIME}.
 */
record KeyInfo(byte[] key, int slot, String type, long bytes, long length, long expireAt) {
    KeyInfo(byte[] key, String type, long bytes, long length, long expireAt) {
        this(key, SlotHash.slotOf(key), type, bytes, length, expireAt);
    }

    boolean exists() {
        return !"none".equals(type);
    }

    /** Too big for one {@code MIGRATE}: over maxbytes, or a collection over maxbulks elements. */
    boolean big(MoverSettings settings) {
        return bytes < 0 || bytes > settings.maxBytes() || length > settings.maxBulks();
    }
}
