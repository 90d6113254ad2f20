package io.codis.admin.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The slot actions' progress as {@code --slots-status} shows it after the slots: the original's
 * progress line ({@code [OK] Slot[NNNN]@DB[d]=remaining} or {@code [ERROR] Slot[NNNN]: …}) when there
 * is one, then, while keys are being moved, one line of totals and one per slot from
 * {@code slot_action.migration} of the stats. Nothing when no action runs.
 */
final class MigrationLines {
    private static final double MB = 1024.0 * 1024.0;

    private MigrationLines() {
    }

    static List<String> of(JsonNode slotAction) {
        List<String> lines = new ArrayList<>();
        String progress = slotAction.path("progress").path("status").asText("");
        if (!progress.isEmpty()) {
            lines.add(progress);
        }
        JsonNode migration = slotAction.path("migration");
        JsonNode slots = migration.path("slots");
        if (slots.isEmpty()) {
            return lines;
        }
        lines.add(String.format(Locale.ROOT, "migrating %d slots: %d keys moved (%.1f MB), %d keys/s, %.1f MB/s",
                slots.size(), migration.path("keys_moved").asLong(), migration.path("bytes_moved").asLong() / MB,
                migration.path("keys_per_sec").asLong(), migration.path("bytes_per_sec").asLong() / MB));
        for (JsonNode slot : slots) {
            String status = slot.path("status").asText("");
            lines.add(String.format(Locale.ROOT, "  slot-%04d: %d keys moved, %d keys/s%s", slot.path("id").asInt(),
                    slot.path("keys_moved").asLong(), slot.path("keys_per_sec").asLong(),
                    status.isEmpty() ? "" : ", " + status));
        }
        return lines;
    }
}
