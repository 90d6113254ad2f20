package io.codis.dashboard.slots;

/**
 * Moves the keys of one slot from the source group's master to the target's, batch by batch
 * (migration-and-ha.md "Moving the data"). The slot-action loop calls {@link #migrateBatch} until it
 * reports 0 keys left in a DB, then {@link #nextDb} until there is none.
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
}
