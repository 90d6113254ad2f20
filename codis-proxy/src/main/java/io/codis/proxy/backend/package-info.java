/**
 * Connections from the proxy to Redis servers. Each event loop owns a {@link io.codis.proxy.backend.BackendPool}
 * of pipelined {@link io.codis.proxy.backend.BackendConnection}s (per address, DB and parallel index), so a
 * session never crosses threads; replies are matched FIFO and handed to a {@link io.codis.proxy.backend.ReplyHandler}.
 * A connection's requests of a round go out through its {@code RoundWriter} (a {@link io.codis.proxy.backend.Coalescer}
 * and the MSET parts combined by {@code CombinedMset}); beside it are its {@code Handshake}, {@code Backoff} and
 * {@code Liveness}.
 */
package io.codis.proxy.backend;
