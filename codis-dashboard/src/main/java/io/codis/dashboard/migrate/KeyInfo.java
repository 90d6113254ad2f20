package io.codis.dashboard.migrate;

import io.codis.common.slot.SlotHash;

/**
 * A key of a pass and what decides how it moves: its type, its size ({@code MEMORY USAGE … SAMPLES 0},
 * -1 when not measured), its number of elements (0 for strings) and its {@code PEXPIRETIME}.
 */
record KeyInfo(byte[] key, String type, long bytes, long length, long expireAt) {
    boolean exists() {
        return !"none".equals(type);
    }

    int slot() {
        return SlotHash.slotOf(key);
    }

    /** Too big for one {@code MIGRATE}: over maxbytes, or a collection over maxbulks elements. */
    boolean big(MoverSettings settings) {
        return bytes < 0 || bytes > settings.maxBytes() || length > settings.maxBulks();
    }
}
