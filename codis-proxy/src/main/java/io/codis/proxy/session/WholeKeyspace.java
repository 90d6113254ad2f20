package io.codis.proxy.session;

import io.codis.common.resp.RespReply;
import io.codis.common.resp.RespRequest;
import io.codis.common.resp.RespWriter;
import io.codis.proxy.backend.ReplyHandler;
import io.codis.proxy.command.CommandSpec;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Commands over the whole keyspace, read from every group's master ({@link io.codis.proxy.router.Router#masters()},
 * in the session's DB): {@code SCAN} one group at a time, the proxy's cursor naming the group and that
 * group's own cursor ({@link ScanCursor}); {@code DBSIZE} summed, {@code RANDOMKEY} from a random group
 * that has a key, {@code KEYS} (with {@code proxy_allow_keys}) concatenated, {@code FLUSHDB} and
 * {@code FLUSHALL} (with {@code proxy_allow_flush}) answered {@code +OK} once every master flushed. A backend's error reply, or
 * a failed connection, is the reply (the first in group order).
 */
final class WholeKeyspace {

    private WholeKeyspace() {
    }

    static boolean handle(Session session, RespRequest request, CommandSpec cmd) {
        return switch (cmd.local()) {
            case SCAN -> scan(session, request, cmd.name());
            case DBSIZE -> FanOut.toEveryMaster(session, request, cmd.name(), WholeKeyspace::sum);
            case RANDOMKEY -> FanOut.toEveryMaster(session, request, cmd.name(), WholeKeyspace::anyKey);
            case KEYS -> FanOut.toEveryMaster(session, request, cmd.name(), WholeKeyspace::allKeys);
            case FLUSH -> FanOut.toEveryMaster(session, request, cmd.name(), FanOut::first);
            default -> throw new IllegalArgumentException("not a whole-keyspace command: " + cmd.name());
        };
    }

    private static boolean scan(Session session, RespRequest request, String name) {
        List<String> masters = FanOut.mastersOrRefuse(session, name);
        if (masters == null) {
            return true;
        }
        if (request.argCount() < 2) {
            session.reply(name, Replies.arity("scan"));
            return true;
        }
        long cursor = ScanCursor.parse(request.arg(1).toString(StandardCharsets.UTF_8));
        int group = ScanCursor.group(cursor);
        if (cursor == ScanCursor.INVALID || group >= masters.size()) {
            session.reply(name, Replies.error(ScanCursor.INVALID_CURSOR));
            return true;
        }
        byte[] backendCursor = Long.toUnsignedString(ScanCursor.backendCursor(cursor)).getBytes(StandardCharsets.US_ASCII);
        int size = 32 + backendCursor.length;
        for (int i = 0; i < request.argCount(); i++) {
            size += request.argLength(i) + 16;
        }
        ByteBuf out = Replies.buffer(size);
        RespWriter.writeArrayHeader(out, request.argCount());
        request.writeBulkArgs(out, 0, 1);
        RespWriter.writeBulk(out, backendCursor);
        if (request.argCount() > 2) {
            request.writeBulkArgs(out, 2, request.argCount() - 2);
        }
        session.forwarder().sendTo(masters.get(group), out, new ScanStep(session.enqueue(name, null), group, masters.size()));
        return true;
    }

    /** The reply to one group's SCAN, its cursor turned into the proxy's (the next group's start once it ends). */
    private record ScanStep(Pending parent, int group, int groups) implements ReplyHandler {

        @Override
        public void onReply(RespReply reply) {
            if (reply.isError()) {
                parent.onReply(reply);
                return;
            }
            try {
                List<ByteBuf> elements = reply.type() == '*' && reply.aggregateLength() == 2 ? reply.elements() : null;
                long next = elements == null ? ScanCursor.INVALID : ScanCursor.parse(Replies.bulkText(elements.get(0)));
                if (next == ScanCursor.INVALID || !ScanCursor.fitsBackendCursor(next)) {
                    parent.onFailure("bad scan resp: " + reply.typeName());
                    return;
                }
                long cursor = next != 0 ? ScanCursor.of(group, next) : group + 1 < groups ? ScanCursor.of(group + 1, 0) : 0;
                byte[] text = Long.toUnsignedString(cursor).getBytes(StandardCharsets.US_ASCII);
                ByteBuf keys = elements.get(1);
                ByteBuf out = Replies.buffer(keys.readableBytes() + text.length + 24);
                RespWriter.writeArrayHeader(out, 2);
                RespWriter.writeBulk(out, text);
                out.writeBytes(keys, keys.readerIndex(), keys.readableBytes());
                parent.session.complete(parent, out);
            } finally {
                reply.release();
            }
        }

        @Override
        public void onFailure(String error) {
            parent.onFailure(error);
        }
    }

    /** DBSIZE: the sum of the groups' counts. */
    private static ByteBuf sum(RespReply[] replies) {
        long sum = 0;
        for (RespReply reply : replies) {
            if (reply.type() != ':') {
                return null;
            }
            sum += reply.integer();
        }
        ByteBuf out = Replies.buffer(24);
        RespWriter.writeInteger(out, sum);
        return out;
    }

    /** RANDOMKEY: the key of a random group that has one, else the (first group's) null reply. */
    private static ByteBuf anyKey(RespReply[] replies) {
        int found = 0;
        RespReply chosen = null;
        for (RespReply reply : replies) {
            if (reply.type() != '$' && reply.type() != '_') { // '_': RESP3's null
                return null;
            }
            if (!reply.isNull() && ThreadLocalRandom.current().nextInt(++found) == 0) {
                chosen = reply; // reservoir sampling: each group with a key equally likely
            }
        }
        return FanOut.copy(chosen != null ? chosen : replies[0]);
    }

    /** KEYS: every group's keys, group after group (any arrays, concatenated). */
    static ByteBuf allKeys(RespReply[] replies) {
        long count = 0;
        int size = 16;
        for (RespReply reply : replies) {
            if (reply.type() != '*' || reply.isNull()) {
                return null;
            }
            count += reply.aggregateLength();
            size += reply.frame().readableBytes();
        }
        ByteBuf out = Replies.buffer(size);
        RespWriter.writeArrayHeader(out, (int) count);
        for (RespReply reply : replies) {
            for (ByteBuf key : reply.elements()) {
                out.writeBytes(key, key.readerIndex(), key.readableBytes());
            }
        }
        return out;
    }
}
