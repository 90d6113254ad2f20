package io.codis.dashboard.migrate;

/** The slot-action progress lines of the original, shown in the stats and {@code --slots-status}. */
public final class ProgressText {
    private ProgressText() {
    }

    /** {@code [OK] Slot[NNNN]@DB[d]=remaining}. */
    public static String ok(int sid, int db, long remaining) {
        return String.format("[OK] Slot[%04d]@DB[%d]=%d", sid, db, remaining);
    }

    /** {@code [ERROR] Slot[NNNN]: message}. */
    public static String error(int sid, String message) {
        return String.format("[ERROR] Slot[%04d]: %s", sid, message);
    }
}
