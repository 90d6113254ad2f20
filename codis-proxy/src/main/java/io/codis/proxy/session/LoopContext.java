package io.codis.proxy.session;

import io.codis.proxy.backend.BackendPool;
import io.codis.proxy.pacing.WriteBatch;
import io.netty.channel.EventLoop;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** What one event loop owns: its backend connections, its flush batch, its sessions. Loop-confined. */
final class LoopContext {

    final EventLoop loop;
    final WriteBatch batch;
    final BackendPool pool;
    final Set<Session> sessions = Collections.newSetFromMap(new IdentityHashMap<>());

    LoopContext(EventLoop loop, WriteBatch batch, BackendPool pool) {
        this.loop = loop;
        this.batch = batch;
        this.pool = pool;
    }

    void tick() {
        long now = System.nanoTime();
        pool.tick(now);
        for (Session session : sessions.toArray(new Session[0])) {
            session.tick(now);
        }
    }
}
