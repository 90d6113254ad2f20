/**
 * Following a product's Redis sentinels (proxy-dataplane.md "Following sentinel switches"), shared by
 * the proxy and the dashboard: {@link io.codis.common.sentinel.SentinelWatch} subscribes to
 * {@code +switch-master} on every sentinel and, on a majority's subscription and on each switch of the
 * product, fetches the masters by a majority vote ({@link io.codis.common.sentinel.SentinelVote}).
 */
package io.codis.common.sentinel;
