package io.codis.dashboard.group;

import io.codis.common.http.ApiError;
import io.codis.common.model.ActionState;
import io.codis.common.model.Group;
import io.codis.common.model.GroupPromoting;
import io.codis.common.model.GroupServer;
import io.codis.common.model.PromotingState;
import io.codis.common.model.ServerSyncAction;
import io.codis.dashboard.core.DashboardCore;
import io.codis.dashboard.proxy.ProxyFanout;
import io.codis.dashboard.redis.ReplicaOf;
import io.codis.dashboard.redis.ReplicationCatchUp;
import io.codis.dashboard.sentinel.Sentinels;
import io.codis.dashboard.slots.SlotActionStatus;
import io.codis.dashboard.store.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code group/promote} (migration-and-ha.md "Promote a replica"): the group's {@code promoting} state
 * machine, none → preparing → prepared → finished → none, every state stored before the next step so
 * that a failed call is finished by calling it again. At {@code prepared} every proxy holds the
 * requests of the group's slots (the locked views, pushed as a barrier: no request is in flight to
 * the old master), the replica is given the master's last writes, the servers are reordered with the
 * promoted one first and the old master last, the new master stops replicating, and the unlocked
 * views send the requests to it.
 */
public final class GroupPromotion {
    private static final Logger LOG = LoggerFactory.getLogger(GroupPromotion.class);
    private static final int MASTER_TIMEOUT_MILLIS = 1000;
    private static final long CATCH_UP_MILLIS = 2000;

    private final DashboardCore core;
    private final ProxyFanout proxies;
    private final Sentinels sentinels;
    private final IntSupplier runningExecutors;

    public GroupPromotion(DashboardCore core, ProxyFanout proxies, Sentinels sentinels, SlotActionStatus slotActions) {
        this.core = core;
        this.proxies = proxies;
        this.sentinels = sentinels;
        this.runningExecutors = slotActions::executors;
    }

    /** Makes {@code addr} the master of group {@code gid}, or finishes the promote in progress. */
    public void promote(int gid, String addr) {
        core.lockedRun(ctx -> {
            Group g = ctx.group(gid);
            int index = GroupServers.indexOf(g, addr);
            if (g.promoting().phase() != PromotingState.NOTHING) {
                if (index != g.promoting().index()) {
                    throw new ApiError("group-[" + gid + "] is promoting index = " + g.promoting().index());
                }
            } else if (index == 0) {
                throw new ApiError("group-[" + gid + "] can't promote master");
            }
            int executors = runningExecutors.getAsInt();
            if (executors != 0) {
                throw new ApiError("slots-migration is running = " + executors);
            }
            run(ctx, g, index);
        });
    }

    private void run(Topology ctx, Group g, int index) {
        switch (g.promoting().phase()) {
            case NOTHING -> {
                LOG.warn("group-[{}] will promote index = {}", g.id(), index);
                Group preparing = store(g.withPromoting(new GroupPromoting(index, ActionState.PREPARING)));
                run(core.view(), preparing, index);
            }
            case PREPARING -> {
                Group prepared = g.withPromoting(new GroupPromoting(index, ActionState.PREPARED));
                LOG.warn("group-[{}] resync to prepared", g.id());
                try {
                    proxies.resyncSlotMappings(ctx.withGroup(prepared), ctx.slotsOfGroup(g.id()));
                } catch (RuntimeException e) {
                    LOG.warn("group-[{}] resync-rollback to preparing", g.id());
                    try {
                        proxies.resyncSlotMappings(ctx, ctx.slotsOfGroup(g.id()));
                    } catch (RuntimeException rollback) {
                        LOG.warn("group-[{}] resync-rollback to preparing failed: {}", g.id(), rollback.getMessage());
                    }
                    LOG.warn("group-[{}] resync-rollback to preparing, done", g.id());
                    throw e;
                }
                store(prepared);
                run(core.view(), prepared, index);
            }
            case PREPARED -> {
                Group finished = store(reordered(ctx, g, index));
                run(core.view(), finished, 0);
            }
            case FINISHED -> {
                LOG.warn("group-[{}] resync to finished", g.id());
                try {
                    proxies.resyncSlotMappings(ctx, ctx.slotsOfGroup(g.id()));
                } catch (RuntimeException e) {
                    LOG.warn("group-[{}] resync to finished failed", g.id());
                    throw e;
                }
                store(g.withPromoting(GroupPromoting.NONE).withOutOfSync(false));
            }
            case INVALID -> throw new ApiError("group-[" + g.id() + "] promoting state is invalid");
        }
    }

    /**
     * The group with server {@code index} first and the old master last, every action cleared and the
     * promote {@code finished}, once the promoted server has the old master's writes and is a master.
     */
    private Group reordered(Topology ctx, Group g, int index) {
        String auth = core.config().productAuth();
        String oldMaster = g.servers().get(0).addr();
        String promoted = g.servers().get(index).addr();
        if (!ReplicationCatchUp.await(oldMaster, promoted, auth, CATCH_UP_MILLIS)) {
            LOG.warn("group-[{}] server-[{}] has not caught up with master {} in {} ms, promoting it anyway",
                    g.id(), promoted, oldMaster, CATCH_UP_MILLIS);
        }
        sentinels.forgetGroup(ctx, g.id());
        List<GroupServer> servers = new ArrayList<>();
        servers.add(g.servers().get(index));
        for (int i = 1; i < g.servers().size(); i++) {
            if (i != index) {
                servers.add(g.servers().get(i));
            }
        }
        servers.add(g.servers().get(0));
        Group finished = g.withServers(servers.stream().map(s -> s.withAction(ServerSyncAction.NONE)).toList())
                .withPromoting(new GroupPromoting(0, ActionState.FINISHED));
        try {
            ReplicaOf.apply(promoted, auth, ReplicaOf.NO_ONE, MASTER_TIMEOUT_MILLIS)
                    .ifPresent(warning -> LOG.warn("group-[{}] {}", g.id(), warning));
        } catch (RuntimeException e) {
            LOG.warn("group-[{}] server-[{}] become master failed: {}", g.id(), promoted, e.getMessage());
        }
        return finished;
    }

    private Group store(Group g) {
        core.store().updateGroup(g);
        return g;
    }
}
