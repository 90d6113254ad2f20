package io.codis.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code --rebalance} lines for the reference's worked plans (migration-and-ha.md, "Rebalance algorithm"). */
class RebalancePlanTest {

    private static Map<String, Integer> plan(int[]... ranges) {
        Map<String, Integer> plan = new LinkedHashMap<>();
        // insert in descending order: the printed order must come from sorting, not from the map
        for (int r = ranges.length - 1; r >= 0; r--) {
            for (int sid = ranges[r][1]; sid >= ranges[r][0]; sid--) {
                plan.put(Integer.toString(sid), ranges[r][2]);
            }
        }
        return plan;
    }

    @Test
    void threeGroupsAllSlotsOffline() {
        assertThat(RebalancePlan.lines(plan(new int[] {0, 341, 1}, new int[] {342, 682, 2}, new int[] {683, 1023, 3})))
                .containsExactly("[0000,0341] => 1", "[0342,0682] => 2", "[0683,1023] => 3", "done");
    }

    @Test
    void aFourthGroupTakesThreeRuns() {
        assertThat(RebalancePlan.lines(plan(new int[] {256, 341, 4}, new int[] {598, 682, 4}, new int[] {939, 1023, 4})))
                .containsExactly("[0256,0341] => 4", "[0598,0682] => 4", "[0939,1023] => 4", "done");
    }

    @Test
    void twoGroupsAndOneAdded() {
        assertThat(RebalancePlan.lines(plan(new int[] {0, 511, 1}, new int[] {512, 1023, 2})))
                .containsExactly("[0000,0511] => 1", "[0512,1023] => 2", "done");
        assertThat(RebalancePlan.lines(plan(new int[] {512, 1023, 2}))).containsExactly("[0512,1023] => 2", "done");
    }

    @Test
    void aGapOrAnotherGroupStartsANewRun() {
        assertThat(RebalancePlan.lines(Map.of("5", 1, "6", 1, "8", 1, "9", 2, "10", 2, "1023", 2)))
                .containsExactly("[0005,0006] => 1", "[0008,0008] => 1", "[0009,0010] => 2", "[1023,1023] => 2", "done");
    }

    @Test
    void anEmptyPlanChangesNothing() {
        assertThat(RebalancePlan.lines(Map.of())).containsExactly("nothing changes");
    }
}
