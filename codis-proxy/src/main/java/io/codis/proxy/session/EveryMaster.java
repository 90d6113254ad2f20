package io.codis.proxy.session;

import io.codis.common.resp.RespReply;
import io.codis.common.resp.RespRequest;
import io.codis.common.resp.RespWriter;
import io.codis.proxy.backend.ReplyHandler;
import io.codis.proxy.command.Ascii;
import io.codis.proxy.command.CommandSpec;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * SCRIPT and FUNCTION, sent to the master of every group the slots name ({@code Router#masters}),
 * so that EVALSHA and FCALL work whichever group a key lands on. FUNCTION LIST and DUMP are read from
 * one master; SCRIPT EXISTS answers 1 only for a script every master has; any other subcommand (LOAD,
 * FLUSH, DELETE, RESTORE) answers the first master's reply when none failed, else the first error (in
 * master order), once.
 */
final class EveryMaster {

    private static final byte[] LIST = "LIST".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DUMP = "DUMP".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXISTS = "EXISTS".getBytes(StandardCharsets.US_ASCII);

    private final Pending parent;
    private final boolean exists;
    private final RespReply[] replies;
    private final String[] failures;
    private int remaining;

    private EveryMaster(Pending parent, boolean exists, int masters) {
        this.parent = parent;
        this.exists = exists;
        this.replies = new RespReply[masters];
        this.failures = new String[masters];
        this.remaining = masters;
    }

    /** Sends {@code request} (its subcommand already checked) to every master, or to one for LIST and DUMP. */
    static boolean handle(Session session, RespRequest request, CommandSpec cmd) {
        List<String> masters = session.shared().router.masters();
        if (masters.isEmpty()) {
            session.fail(cmd.name(), Replies.SLOT_NOT_READY);
            return true;
        }
        if (Ascii.equalsIgnoreCase(LIST, request.arg(1)) || Ascii.equalsIgnoreCase(DUMP, request.arg(1))) {
            session.forwarder().sendTo(masters.get(0), request.takeRaw(), session.enqueue(cmd.name(), null));
            return true;
        }
        Pending parent = session.enqueue(cmd.name(), null);
        EveryMaster merge = new EveryMaster(parent, Ascii.equalsIgnoreCase(EXISTS, request.arg(1)), masters.size());
        ByteBuf raw = request.takeRaw();
        for (int i = 0; i < masters.size(); i++) {
            ByteBuf payload = i == masters.size() - 1 ? raw : raw.retainedDuplicate();
            session.forwarder().sendTo(masters.get(i), payload, merge.new Part(i));
        }
        return true;
    }

    private void partDone() {
        if (--remaining > 0) {
            return;
        }
        Object merged;
        try {
            merged = merge();
        } finally {
            for (int i = 0; i < replies.length; i++) {
                if (replies[i] != null) {
                    replies[i].release();
                    replies[i] = null;
                }
            }
        }
        parent.session.complete(parent, merged);
    }

    /** The first failure or error reply in master order, else the merged reply (the first one's, taken). */
    private Object merge() {
        for (int i = 0; i < replies.length; i++) {
            if (failures[i] != null) {
                parent.failed = true;
                return Replies.error(failures[i]);
            }
            if (replies[i].isError()) {
                parent.redisError = true;
                return take(i);
            }
        }
        if (exists && replies.length > 1) {
            return everyMasterHas();
        }
        return take(0);
    }

    private RespReply take(int i) {
        RespReply reply = replies[i];
        replies[i] = null;
        return reply;
    }

    /** SCRIPT EXISTS: 1 where every master answered 1. */
    private Object everyMasterHas() {
        long length = replies[0].aggregateLength();
        for (RespReply reply : replies) {
            if (reply.type() != '*' || reply.aggregateLength() != length) {
                parent.failed = true;
                return Replies.error("ERR handle response, bad script exists resp: " + reply.typeName());
            }
        }
        int[] all = new int[(int) length];
        java.util.Arrays.fill(all, 1);
        for (RespReply reply : replies) {
            List<ByteBuf> elements = reply.elements();
            for (int k = 0; k < all.length; k++) {
                ByteBuf element = elements.get(k);
                // ":1\r\n" or ":0\r\n"
                if (element.getByte(element.readerIndex() + 1) != '1') {
                    all[k] = 0;
                }
            }
        }
        ByteBuf out = Replies.buffer(16 + 4 * all.length);
        RespWriter.writeArrayHeader(out, all.length);
        for (int flag : all) {
            RespWriter.writeInteger(out, flag);
        }
        return out;
    }

    /** The request sent to master {@code index}. */
    private final class Part implements ReplyHandler {
        private final int index;

        Part(int index) {
            this.index = index;
        }

        @Override
        public void onReply(RespReply reply) {
            replies[index] = reply;
            partDone();
        }

        @Override
        public void onFailure(String error) {
            failures[index] = "ERR handle response, " + error;
            partDone();
        }
    }
}
