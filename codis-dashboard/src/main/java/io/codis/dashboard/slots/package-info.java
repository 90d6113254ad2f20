/** Slot placement: the rebalance plan and the migrators that move a slot's keys between groups. */
package io.codis.dashboard.slots;
