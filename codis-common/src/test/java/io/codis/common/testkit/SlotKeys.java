package io.codis.common.testkit;

import io.codis.common.slot.SlotHash;

/** Keys chosen by the slot they hash to. */
public final class SlotKeys {
    private SlotKeys() {
    }

    /** The first of {@code k0, k1, …} in slot {@code sid}. */
    public static String keyIn(int sid) {
        for (int i = 0; ; i++) {
            String key = "k" + i;
            if (SlotHash.slotOf(key) == sid) {
                return key;
            }
        }
    }
}
