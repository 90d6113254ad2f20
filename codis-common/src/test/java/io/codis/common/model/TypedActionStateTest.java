package io.codis.common.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codis.common.json.JsonCodec;
import org.junit.jupiter.api.Test;

class TypedActionStateTest {

    @Test
    void everyKnownStateReadsBackFromItsOriginalString() {
        assertThat(SlotActionState.values()).allSatisfy(s -> {
            if (s != SlotActionState.INVALID) {
                assertThat(SlotActionState.of(s.wire())).isEqualTo(s);
            }
        });
        assertThat(SlotActionState.MIGRATING.wire()).isEqualTo("migrating");
        assertThat(PromotingState.PREPARED.wire()).isEqualTo("prepared");
        assertThat(SyncActionState.SYNCED_FAILED.wire()).isEqualTo("synced_failed");
        assertThat(SyncActionState.of("syncing")).isEqualTo(SyncActionState.SYNCING);
    }

    @Test
    void missingStateIsNothingAndAnUnknownOneIsInvalidButKeptOnTheWire() {
        SlotMapping stored = JsonCodec.read("{\"id\": 1, \"action\": {\"state\": \"moving\", \"target_id\": 2}}",
                SlotMapping.class);

        assertThat(SlotMapping.offline(1).action().phase()).isEqualTo(SlotActionState.NOTHING);
        assertThat(GroupPromoting.NONE.phase()).isEqualTo(PromotingState.NOTHING);
        assertThat(stored.action().phase()).isEqualTo(SlotActionState.INVALID);
        assertThat(JsonCodec.compact(stored)).isEqualTo(
                "{\"id\":1,\"group_id\":0,\"action\":{\"state\":\"moving\",\"target_id\":2}}");
        assertThat(SyncActionState.of("pending ")).isEqualTo(SyncActionState.INVALID);
        assertThatThrownBy(SlotActionState.INVALID::wire).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTypedStateIsWrittenAsItsString() {
        SlotAction action = SlotAction.pending(4, 2).withState(SlotActionState.PREPARED);

        assertThat(JsonCodec.compact(action)).isEqualTo("{\"index\":4,\"state\":\"prepared\",\"target_id\":2}");
        assertThat(JsonCodec.compact(action.withState(SlotActionState.NOTHING)))
                .isEqualTo("{\"index\":4,\"target_id\":2}");
    }
}
