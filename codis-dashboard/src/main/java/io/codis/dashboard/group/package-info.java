/**
 * The product's groups of Redis servers (the original's {@code topom_group}): creating, removing and
 * resyncing groups, their servers and replica groups. Promoting a replica and the servers' sync
 * (SLAVEOF) actions (migration-and-ha.md "Promote a replica", "Sync actions") belong here too.
 */
package io.codis.dashboard.group;
