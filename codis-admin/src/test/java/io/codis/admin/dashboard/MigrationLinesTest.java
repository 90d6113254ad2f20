package io.codis.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.json.JsonCodec;
import org.junit.jupiter.api.Test;

class MigrationLinesTest {
    @Test
    void theProgressLineThenTotalsAndOneLinePerMovingSlot() {
        String json = """
                {"interval": 0, "disabled": false, "progress": {"status": "[OK] Slot[0005]@DB[0]=120"}, "executor": 2,
                 "migration": {"keys_moved": 3000, "bytes_moved": 3145728, "keys_per_sec": 1500, "bytes_per_sec": 1572864,
                   "slots": [{"id": 5, "keys_moved": 2000, "bytes_moved": 1, "keys_per_sec": 1000, "bytes_per_sec": 1,
                              "status": "[OK] Slot[0005]@DB[0]=120"},
                             {"id": 6, "keys_moved": 1000, "bytes_moved": 1, "keys_per_sec": 500, "bytes_per_sec": 1,
                              "status": ""}]}}""";
        assertThat(MigrationLines.of(JsonCodec.readTree(json.getBytes()))).containsExactly(
                "[OK] Slot[0005]@DB[0]=120",
                "migrating 2 slots: 3000 keys moved (3.0 MB), 1500 keys/s, 1.5 MB/s",
                "  slot-0005: 2000 keys moved, 1000 keys/s, [OK] Slot[0005]@DB[0]=120",
                "  slot-0006: 1000 keys moved, 500 keys/s");
    }

    @Test
    void nothingWhenNoActionRuns() {
        String json = """
                {"interval": 0, "disabled": false, "progress": {"status": ""}, "executor": 0,
                 "migration": {"keys_moved": 7, "bytes_moved": 9, "keys_per_sec": 0, "bytes_per_sec": 0, "slots": []}}""";
        assertThat(MigrationLines.of(JsonCodec.readTree(json.getBytes()))).isEmpty();
    }
}
