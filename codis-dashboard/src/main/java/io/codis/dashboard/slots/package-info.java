/**
 * The product's slots (the original's {@code topom_slots} and {@code topom_action}): assigning them,
 * queueing and removing slot actions, the rebalance plan, and the {@link
 * io.codis.dashboard.slots.SlotActionLoop} that drives each action through its states. The keys of a
 * migrating slot are moved by a {@link io.codis.dashboard.slots.SlotMigrator}, one pass over each source for all its slots; {@link
 * io.codis.dashboard.slots.SlotMigrator#forConfig} chooses the one a dashboard runs with.
 */
package io.codis.dashboard.slots;
