package io.codis.admin.dashboard;

import io.codis.common.model.SlotMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code --slots-assign --beg --end (--gid|--offline)}: one SlotMapping per slot of
 * {@code beg..end} with the group (0 offline) and no action, e.g.
 * {@code [{"id": 0, "group_id": 1, "action": {}}, ...]}. Ids are not checked here: the dashboard
 * refuses a slot outside 0..1023 ({@code slot-[{sid}] doesn't exist}).
 */
public final class SlotsAssignment {
    private SlotsAssignment() {
    }

    public static List<SlotMapping> of(int beg, int end, int gid) {
        List<SlotMapping> slots = new ArrayList<>();
        for (long sid = beg; sid <= end; sid++) {
            slots.add(SlotMapping.assigned((int) sid, gid));
        }
        return slots;
    }
}
