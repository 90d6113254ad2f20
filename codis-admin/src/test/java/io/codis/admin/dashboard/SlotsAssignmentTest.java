package io.codis.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.json.JsonCodec;
import org.junit.jupiter.api.Test;

/** The JSON {@code --slots-assign} prints without {@code --confirm} (and sends with it). */
class SlotsAssignmentTest {

    @Test
    void eachSlotOfTheRangeGoesToTheGroupWithAnEmptyAction() {
        assertThat(JsonCodec.pretty(SlotsAssignment.of(0, 1, 1))).isEqualTo("""
                [
                    {
                        "id": 0,
                        "group_id": 1,
                        "action": {}
                    },
                    {
                        "id": 1,
                        "group_id": 1,
                        "action": {}
                    }
                ]""");
    }

    @Test
    void offlineIsGroupZero() {
        assertThat(JsonCodec.pretty(SlotsAssignment.of(1023, 1023, 0))).isEqualTo("""
                [
                    {
                        "id": 1023,
                        "group_id": 0,
                        "action": {}
                    }
                ]""");
    }

    @Test
    void anEmptyRangeIsEmpty() {
        assertThat(SlotsAssignment.of(5, 4, 1)).isEmpty();
    }
}
