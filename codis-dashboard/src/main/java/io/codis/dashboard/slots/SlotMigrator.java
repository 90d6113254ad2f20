package io.codis.dashboard.slots;

import io.codis.common.config.DashboardConfig;

/**
 * Moves the keys of one slot from the source group's master to the target's, batch by batch
 * (migration-and-ha.md "Moving the data" and "Emulating on stock Redis 7"). It is the only part of a
 * slot action that touches the data: the {@link SlotActionLoop} stores every state, pushes the views
 * to the proxies, and, once the slot is {@code migrating}, calls {@link #migrateBatch} until it
 * reports 0 keys left in a DB, then {@link #nextDb} until there is none. It calls one migrator from
 * several threads at once, for slots of disjoint groups, outside the dashboard's lock.
 */
public interface SlotMigrator {
    /**
     * Moves one batch of slot {@code sid}'s keys in DB {@code db}.
     *
     * @param source master of the source group, {@code ""} when the slot was offline (nothing to move)
     * @param target master of the target group
     * @return the number of the slot's keys still on the source in that DB (0: this DB is done)
     * @throws RuntimeException with the message shown as {@code [ERROR] Slot[....]: {message}}
     */
    long migrateBatch(String source, String target, int sid, int db);

    /** The smallest DB number greater than {@code db} that holds keys on {@code source}, or -1. */
    int nextDb(String source, int db);

    /** The migrator a dashboard with {@code config} runs with, unless it is given one. */
    static SlotMigrator forConfig(DashboardConfig config) {
        return new EmptySlotMigrator(config.productAuth(), config.migrationTimeout());
    }
}
