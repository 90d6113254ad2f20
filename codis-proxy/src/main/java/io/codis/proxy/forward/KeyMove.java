package io.codis.proxy.forward;

import io.codis.common.resp.RespReply;
import io.codis.proxy.backend.BackendConnection;
import io.codis.proxy.backend.ReplyHandler;
import io.netty.buffer.ByteBuf;

/**
 * One request on its way through move-on-access: the MIGRATEs that take its keys out of their sources
 * (this gets their replies), then the request itself, sent to the target by its session's
 * {@link MoveQueue} in request order. When every MIGRATE answered {@code +OK} or {@code +NOKEY} the
 * request is forwarded; otherwise its client gets the first failure, in the original's shapes:
 * {@code ERR handle request, bad slotsmgrt resp: {source error}} for an error reply (e.g. BUSYKEY,
 * IOERR), {@code ERR handle request, backend conn reset} or
 * {@code ERR handle request, backend conn failure, {io error}} when the source connection failed.
 */
final class KeyMove implements ReplyHandler {

    private final MoveQueue queue;
    private final BackendConnection target;
    private final ByteBuf request;
    private final ForwardHandler handler;
    /** MIGRATE replies still awaited. */
    private int awaited;
    /** The client's error once a MIGRATE failed. */
    private String refusal;

    KeyMove(MoveQueue queue, BackendConnection target, ByteBuf request, ForwardHandler handler, int migrates) {
        this.queue = queue;
        this.target = target;
        this.request = request;
        this.handler = handler;
        this.awaited = migrates;
    }

    /** Every MIGRATE has answered: the request may go (or be refused) once those before it have. */
    boolean isSettled() {
        return awaited == 0;
    }

    /** Forwards the request, or refuses it if one of its MIGRATEs failed. */
    void finish() {
        if (refusal == null) {
            target.send(request, handler);
        } else {
            request.release();
            handler.onRefused(refusal);
        }
    }

    @Override
    public void onReply(RespReply reply) {
        try {
            if (!isSimple(reply, "OK") && !isSimple(reply, "NOKEY")) {
                refuse("bad slotsmgrt resp: " + (reply.isError() ? reply.text()
                        : "should be OK or NOKEY, but got " + (reply.type() == '+' ? reply.text() : reply.typeName())));
            }
        } finally {
            reply.release();
        }
        answered();
    }

    @Override
    public void onFailure(String error) {
        refuse(error);
        answered();
    }

    private static boolean isSimple(RespReply reply, String text) {
        return reply.type() == '+' && reply.frame().readableBytes() == text.length() + 3 && reply.textStartsWith(text);
    }

    private void refuse(String detail) {
        if (refusal == null) {
            refusal = "ERR handle request, " + detail;
        }
    }

    private void answered() {
        if (--awaited == 0) {
            queue.settled();
        }
    }
}
