package io.codis.admin.dashboard;

import io.codis.admin.GoJsonText;
import io.codis.common.api.DashboardApi;
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
    private final DashboardApi dashboard;
    private final PrintWriter out;
    private final PrintWriter err;

    public SlotsCommands(DashboardApi dashboard, PrintWriter out, PrintWriter err) {
        this.dashboard = dashboard;
        this.out = out;
        this.err = err;
    }

    /**
     * {@code --slots-status}: the 1024 slots as proxies see them and then, on standard error so that
     * standard output stays the original's JSON, the slot actions' progress ({@link MigrationLines}).
     */
    public void status() {
        out.println(GoJsonText.of(dashboard.slots()));
        out.flush();
        MigrationLines.of(dashboard.stats().path("slot_action")).forEach(err::println);
        err.flush();
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
        dashboard.assignSlots(slots, offline);
    }

    /** {@code --slot-action --create --sid --gid}. */
    public void createAction(int sid, int gid) {
        dashboard.createSlotAction(sid, gid);
    }

    /** {@code --slot-action --remove --sid}. */
    public void removeAction(int sid) {
        dashboard.removeSlotAction(sid);
    }

    /** {@code --slot-action --create-some --gid-from --gid-to --num-slots}. */
    public void createSome(int from, int to, int numSlots) {
        dashboard.createSomeSlotActions(from, to, numSlots);
    }

    /** {@code --slot-action --create-range --beg --end --gid}. */
    public void createRange(int beg, int end, int gid) {
        dashboard.createSlotActionRange(beg, end, gid);
    }

    /** {@code --slot-action --interval=VALUE}: microseconds between migration steps. */
    public void interval(int value) {
        dashboard.slotActionInterval(value);
    }

    /** {@code --slot-action --disabled=VALUE}: sends 1 when VALUE is not 0. */
    public void disabled(int value) {
        dashboard.slotActionDisabled(value != 0);
    }

    /** {@code --rebalance [--confirm]}: prints the dashboard's plan (created as actions with confirm). */
    public void rebalance(boolean confirm) {
        Map<String, Integer> plan = dashboard.rebalance(confirm);
        RebalancePlan.lines(plan).forEach(out::println);
        out.flush();
    }
}
