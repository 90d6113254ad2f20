/**
 * The product's Redis sentinels (the original's {@code topom_sentinel}; migration-and-ha.md "Sentinel
 * integration"). The sentinel routes ({@code sentinels/add}, {@code del}, {@code resync-all},
 * {@code info}), the calls to the sentinels and the dashboard's watch of {@code +switch-master} land
 * here, in {@link io.codis.dashboard.sentinel.Sentinels} and classes beside it.
 */
package io.codis.dashboard.sentinel;
