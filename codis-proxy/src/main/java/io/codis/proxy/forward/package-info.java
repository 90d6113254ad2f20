/**
 * Forwarding (the original's {@code forward.go}): {@link io.codis.proxy.forward.Forwarder} chooses the
 * backend connection of a routed request (a slot's primary, a replica tier, a named backend) and sends
 * it there; a request for a migrating slot first moves its keys from the source to the target with
 * {@code MIGRATE … KEYS} (move-on-access), and a session's requests reach the backends in its order.
 */
package io.codis.proxy.forward;
