package io.codis.proxy.command;

/** The original's command flags, as they combine into one effect (proxy-dataplane.md "Command classification"). */
enum AccessMode {
    /** Rejected with {@code command '{NAME}' is not allowed}. */
    NOT_ALLOWED,
    /** Writes: goes to the master. */
    WRITE,
    /** Does not write but must see the master's state (cursor commands). */
    MASTER_ONLY,
    /** Unknown to the table, so it might write: goes to the master. */
    MAY_WRITE,
    /** May be served by a replica group member. */
    READ_ONLY
}
