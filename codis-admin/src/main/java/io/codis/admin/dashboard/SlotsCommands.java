package io.codis.admin.dashboard;

import com.fasterxml.jackson.core.type.TypeReference;
import io.codis.admin.GoJsonText;
import io.codis.common.json.JsonCodec;
import io.codis.common.model.SlotMapping;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The slot forms of {@code codis-admin --dashboard=ADDR}: {@code --slots-status},
 * {@code --slots-assign}, {@code --slot-action ...} and {@code --rebalance}.
 */
public final class SlotsCommands {
    private static final TypeReference<Map<String, Integer>> PLAN = new TypeReference<>() { };

    private final DashboardClient dashboard;
    private final PrintWriter out;

    public SlotsCommands(DashboardClient dashboard, PrintWriter out) {
        this.dashboard = dashboard;
        this.out = out;
    }

    /** {@code --slots-status}: the 1024 slots as proxies see them. */
    public void status() {
        out.println(GoJsonText.of(dashboard.slots()));
        out.flush();
    }

    /**
     * {@code --slots-assign --beg --end (--gid=ID|--offline) [--confirm]} ({@code gid} 0 when
     * offline): without {@code confirm} prints what it would send; with it
     * {@code PUT slots/assign/{xauth}} (or {@code .../offline}).
     */
    public void assign(int beg, int end, int gid, boolean offline, boolean confirm) {
        dashboard.connect();
        List<SlotMapping> slots = SlotsAssignment.of(beg, end, offline ? 0 : gid);
        if (!confirm) {
            out.println(slots.isEmpty() ? "null" : JsonCodec.pretty(slots));
            out.flush();
            return;
        }
        if (offline) {
            dashboard.put("slots-assign", slots, "slots/assign", "offline");
        } else {
            dashboard.put("slots-assign", slots, "slots/assign");
        }
    }

    /** {@code --slot-action --create --sid --gid}. */
    public void createAction(int sid, int gid) {
        dashboard.put("slot-action", null, "slots/action/create", sid, gid);
    }

    /** {@code --slot-action --remove --sid}. */
    public void removeAction(int sid) {
        dashboard.put("slot-action", null, "slots/action/remove", sid);
    }

    /** {@code --slot-action --create-some --gid-from --gid-to --num-slots}. */
    public void createSome(int from, int to, int numSlots) {
        dashboard.put("slot-action", null, "slots/action/create-some", from, to, numSlots);
    }

    /** {@code --slot-action --create-range --beg --end --gid}. */
    public void createRange(int beg, int end, int gid) {
        dashboard.put("slot-action", null, "slots/action/create-range", beg, end, gid);
    }

    /** {@code --slot-action --interval=VALUE}: microseconds between migration steps. */
    public void interval(int value) {
        dashboard.put("slot-action", null, "slots/action/interval", value);
    }

    /** {@code --slot-action --disabled=VALUE}: sends 1 when VALUE is not 0. */
    public void disabled(int value) {
        dashboard.put("slot-action", null, "slots/action/disabled", value != 0 ? 1 : 0);
    }

    /** {@code --rebalance [--confirm]}: prints the dashboard's plan (created as actions with confirm). */
    public void rebalance(boolean confirm) {
        Map<String, Integer> plan = dashboard.putAndRead("slots-rebalance", PLAN, "slots/rebalance", confirm ? 1 : 0);
        RebalancePlan.lines(plan).forEach(out::println);
        out.flush();
    }
}
