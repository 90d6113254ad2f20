/**
 * Forwarding (the original's {@code forward.go}): {@link io.codis.proxy.forward.Forwarder} chooses the
 * backend connection of a routed request (a slot's primary, a replica tier, a named backend) and sends
 * it there; a request for a migrating slot goes through its move-on-access seam.
 */
package io.codis.proxy.forward;
