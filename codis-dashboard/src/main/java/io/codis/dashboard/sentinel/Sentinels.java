package io.codis.dashboard.sentinel;

import io.codis.common.model.Sentinel;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.store.Topology;

/**
 * The sentinel model of the product ({@code /codis3/{product}/sentinel}) and what the dashboard does
 * to it. Today: groups mark it out of sync when their servers change, so that the sentinels are
 * resynced before they are trusted again.
 */
public final class Sentinels {
    private final DashboardCore core;

    public Sentinels(DashboardCore core) {
        this.core = core;
    }

    /** Stores {@code out_of_sync = true} when sentinels are configured; call inside {@link DashboardCore#locked}. */
    public void markOutOfSync(Topology ctx) {
        Sentinel s = ctx.sentinel();
        if (!s.servers().isEmpty()) {
            core.store().updateSentinel(s.withOutOfSync(true));
        }
    }

    /**
     * Before a promote reorders group {@code gid}: the sentinels must not fail it over behind the
     * dashboard's back, so the model is marked out of sync (the group is monitored again by a resync).
     */
    public void forgetGroup(Topology ctx, int gid) {
        markOutOfSync(ctx);
    }
}
