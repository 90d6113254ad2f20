package io.codis.dashboard.slots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codis.common.http.ApiError;
import io.codis.common.model.SlotAction;
import io.codis.common.model.SlotMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The worked results of migration-and-ha.md "Rebalance algorithm". */
class RebalancerTest {

    private static List<SlotMapping> offline() {
        List<SlotMapping> slots = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            slots.add(SlotMapping.offline(i));
        }
        return slots;
    }

    /** Applies a plan as if every action had completed. */
    private static List<SlotMapping> apply(List<SlotMapping> slots, Map<Integer, Integer> plan) {
        List<SlotMapping> out = new ArrayList<>(slots);
        plan.forEach((sid, gid) -> out.set(sid, SlotMapping.assigned(sid, gid)));
        return out;
    }

    private static Map<Integer, Integer> range(int beg, int end, int gid) {
        Map<Integer, Integer> out = new TreeMap<>();
        for (int i = beg; i <= end; i++) {
            out.put(i, gid);
        }
        return out;
    }

    @Test
    void threeGroupsTakeTheOfflineSlotsInThirds() {
        Map<Integer, Integer> plan = Rebalancer.plan(List.of(1, 2, 3), offline());
        Map<Integer, Integer> expected = new TreeMap<>();
        expected.putAll(range(0, 341, 1));
        expected.putAll(range(342, 682, 2));
        expected.putAll(range(683, 1023, 3));
        assertThat(plan).isEqualTo(expected);
    }

    @Test
    void aFourthGroupGetsTheHighestSlotsOfEachGroup() {
        List<SlotMapping> three = apply(offline(), Rebalancer.plan(List.of(1, 2, 3), offline()));
        Map<Integer, Integer> plan = Rebalancer.plan(List.of(1, 2, 3, 4), three);
        Map<Integer, Integer> expected = new TreeMap<>();
        expected.putAll(range(256, 341, 4));
        expected.putAll(range(598, 682, 4));
        expected.putAll(range(939, 1023, 4));
        assertThat(plan).isEqualTo(expected);
        assertThat(plan).hasSize(256);
    }

    @Test
    void twoGroupsTakeHalvesAndASecondGroupTakesTheUpperHalf() {
        Map<Integer, Integer> expected = new TreeMap<>();
        expected.putAll(range(0, 511, 1));
        expected.putAll(range(512, 1023, 2));
        assertThat(Rebalancer.plan(List.of(1, 2), offline())).isEqualTo(expected);

        List<SlotMapping> allInOne = apply(offline(), range(0, 1023, 1));
        assertThat(Rebalancer.plan(List.of(1, 2), allInOne)).isEqualTo(range(512, 1023, 2));
    }

    @Test
    void aBalancedClusterNeedsNothingAndNoGroupIsAnError() {
        List<SlotMapping> balanced = apply(offline(), Rebalancer.plan(List.of(1, 2, 3), offline()));
        assertThat(Rebalancer.plan(List.of(1, 2, 3), balanced)).isEmpty();
        assertThatThrownBy(() -> Rebalancer.plan(List.of(), offline()))
                .isInstanceOf(ApiError.class).hasMessage("no valid group could be found");
    }

    @Test
    void slotsAlreadyMovingAreLeftAlone() {
        List<SlotMapping> slots = offline();
        for (int i = 0; i < 512; i++) {
            slots.set(i, SlotMapping.offline(i).withAction(SlotAction.pending(i + 1, 1)));
        }
        assertThat(Rebalancer.plan(List.of(1, 2), slots)).isEqualTo(range(512, 1023, 2));
    }
}
