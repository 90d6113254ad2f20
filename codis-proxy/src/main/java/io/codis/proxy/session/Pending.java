package io.codis.proxy.session;

import io.codis.common.resp.RespReply;
import io.codis.proxy.forward.ForwardHandler;
import io.codis.proxy.router.SlotState;
import io.codis.proxy.stats.CommandCounter;
import io.codis.proxy.stats.DataPlaneStats;

/** One request of a session's queue, waiting for its reply (loop-confined). */
final class Pending implements ForwardHandler {

    final Session session;
    final String name;
    final long startNanos;
    private SlotState slot;
    /** A ByteBuf (proxy reply) or a RespReply (backend reply) once done. */
    Object reply;
    boolean done;
    boolean failed;
    boolean redisError;
    /** Read-only: may be dropped unsent once the session is closed. */
    boolean readOnly;

    Pending(Session session, String name, long startNanos, SlotState slot) {
        this.session = session;
        this.name = name;
        this.startNanos = startNanos;
        this.slot = slot;
    }

    private void exitSlot() {
        if (slot != null) {
            slot.exit();
            slot = null;
        }
    }

    @Override
    public void onReply(RespReply r) {
        exitSlot();
        redisError = r.isError();
        session.complete(this, r);
    }

    @Override
    public boolean isBroken() {
        return readOnly && session.isClosed();
    }

    @Override
    public void onFailure(String error) {
        exitSlot();
        failed = true;
        session.complete(this, Replies.error("ERR handle response, " + error));
    }

    @Override
    public void onRefused(String message) {
        exitSlot();
        failed = true;
        session.complete(this, Replies.error(message));
    }

    /** Counts this request, written to its client {@code now}, in the data plane's stats. */
    void count(DataPlaneStats stats, long now) {
        if (name == null) {
            if (failed) {
                stats.failed();
            }
            return;
        }
        CommandCounter counter = stats.command(name);
        counter.called(now - startNanos);
        if (failed) {
            counter.failed();
            stats.failed();
        } else if (redisError) {
            counter.redisError();
            stats.redisError();
        }
    }
}
