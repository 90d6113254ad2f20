/**
 * The stats and overview JSON (the original's {@code topom_stats}): the loops that sample every group
 * server and proxy each second, their newest samples, and the {@code /topom} and stats bodies.
 */
package io.codis.dashboard.stats;
