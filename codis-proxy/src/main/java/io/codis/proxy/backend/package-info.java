/**
 * Connections from the proxy to Redis servers. Each event loop owns a {@link io.codis.proxy.backend.BackendPool}
 * of pipelined {@link io.codis.proxy.backend.BackendConnection}s (per address, DB and parallel index), so a
 * session never crosses threads; replies are matched FIFO and handed to a {@link io.codis.proxy.backend.ReplyHandler}.
 */
package io.codis.proxy.backend;
