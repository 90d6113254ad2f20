package io.codis.proxy.session;

import io.codis.common.resp.RespReply;
import io.codis.common.resp.RespRequest;
import io.codis.proxy.backend.ReplyHandler;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.function.Function;

/**
 * One request sent to every group's master (or one request to each of some backends), the replies
 * merged once all arrived; the first failure or error reply, in order, is the reply instead.
 */
final class FanOut {
    private final Pending parent;
    private final Function<RespReply[], ByteBuf> merge;
    private final RespReply[] replies;
    private final String[] failures;
    private int remaining;

    FanOut(Pending parent, int groups, Function<RespReply[], ByteBuf> merge) {
        this.parent = parent;
        this.merge = merge;
        this.replies = new RespReply[groups];
        this.failures = new String[groups];
        this.remaining = groups;
    }

    /**
     * Every group's master ({@link io.codis.proxy.router.Router#masters()}), or null once command
     * {@code name} was answered that no slot is ready (none has a group).
     */
    static List<String> mastersOrRefuse(Session session, String name) {
        List<String> masters = session.shared().router.masters();
        if (masters.isEmpty()) {
            session.fail(name, Replies.SLOT_NOT_READY);
            return null;
        }
        return masters;
    }

    /** Sends {@code request} (taken) to every group's master, the replies merged by {@code merge}; always true. */
    static boolean toEveryMaster(Session session, RespRequest request, String name, Function<RespReply[], ByteBuf> merge) {
        List<String> masters = mastersOrRefuse(session, name);
        if (masters != null) {
            new FanOut(session.enqueue(name, null), masters.size(), merge).send(session, masters, request.takeRaw());
        }
        return true;
    }

    /** Sends {@code payloads} (taken), the i-th to {@code addrs[i]}. */
    void sendEach(Session session, List<String> addrs, List<ByteBuf> payloads) {
        for (int i = 0; i < addrs.size(); i++) {
            session.forwarder().sendTo(addrs.get(i), payloads.get(i), new Part(i));
        }
    }

    /** Sends {@code payload} (taken) to each master. */
    void send(Session session, List<String> masters, ByteBuf payload) {
        try {
            for (int i = 0; i < masters.size(); i++) {
                session.forwarder().sendTo(masters.get(i), payload.retainedDuplicate(), new Part(i));
            }
        } finally {
            payload.release();
        }
    }

    /** The first reply, copied: for a request every master answers alike (SCRIPT LOAD, FLUSHALL...). */
    static ByteBuf first(RespReply[] replies) {
        return copy(replies[0]);
    }

    /** A copy of {@code reply}'s whole frame. */
    static ByteBuf copy(RespReply reply) {
        ByteBuf frame = reply.frame();
        return Replies.buffer(frame.readableBytes()).writeBytes(frame, frame.readerIndex(), frame.readableBytes());
    }

    private void done() {
        if (--remaining > 0) {
            return;
        }
        try {
            for (int i = 0; i < replies.length; i++) {
                if (failures[i] != null) {
                    parent.onFailure(failures[i]);
                    return;
                }
                if (replies[i].isError()) {
                    parent.onReply(replies[i].retain());
                    return;
                }
            }
            ByteBuf merged = merge.apply(replies);
            if (merged == null) {
                parent.onFailure("bad " + parent.name.toLowerCase(java.util.Locale.ROOT) + " resp");
            } else {
                parent.session.complete(parent, merged);
            }
        } finally {
            for (RespReply reply : replies) {
                if (reply != null) {
                    reply.release();
                }
            }
        }
    }

    private final class Part implements ReplyHandler {
        private final int index;

        Part(int index) {
            this.index = index;
        }

        @Override
        public void onReply(RespReply reply) {
            replies[index] = reply;
            done();
        }

        @Override
        public void onFailure(String error) {
            failures[index] = error;
            done();
        }
    }
}
