package io.codis.common.testkit;

import io.codis.common.slot.SlotHash;

/** Keys chosen by the slot they hash to. */
public final class SlotKeys {
    private SlotKeys() {
    }

    /** The first of {@code k0, k1, …} in slot {@code sid}. */
    public static String keyIn(int sid) {
        return keyIn(sid, 0);
    }

    /** The {@code n}-th (from 0) of {@code k0, k1, …} in slot {@code sid}. */
    public static String keyIn(int sid, int n) {
        int found = 0;
        for (int i = 0; ; i++) {
            String key = "k" + i;
            if (SlotHash.slotOf(key) == sid && found++ == n) {
                return key;
            }
        }
    }
}
