/**
 * The routing table: {@link io.codis.proxy.router.Router} (1024 {@link io.codis.proxy.router.SlotState}s,
 * online state, fills with their barrier).
 */
package io.codis.proxy.router;
