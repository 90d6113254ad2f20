package io.codis.proxy.session;

import io.codis.common.resp.RespReply;
import io.codis.common.resp.RespRequest;
import io.codis.common.resp.RespWriter;
import io.codis.proxy.command.Ascii;
import io.codis.proxy.command.CommandSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * PUBSUB over the groups, when pub/sub runs through the proxy ({@code proxy_max_owned_conns} > 0;
 * forwarded as the original forwards it otherwise): {@code CHANNELS [pattern]} (and {@code SHARDCHANNELS})
 * is the union of every group master's channels, {@code NUMSUB channel...} (and {@code SHARDNUMSUB})
 * asks each channel's group (where its subscribers are, {@link PubSub}); {@code NUMPAT}, which every master counts alike (a pattern is subscribed on
 * all), and the other subcommands go to one master.
 */
final class PubSubQuery {

    private static final byte[] CHANNELS = "CHANNELS".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NUMSUB = "NUMSUB".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHARDCHANNELS = "SHARDCHANNELS".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHARDNUMSUB = "SHARDNUMSUB".getBytes(StandardCharsets.US_ASCII);

    private PubSubQuery() {
    }

    static boolean handle(Session session, RespRequest request, CommandSpec cmd) {
        boolean channels = request.argCount() >= 2 && request.argCount() <= 3
                && (Ascii.equalsIgnoreCase(CHANNELS, request.arg(1)) || Ascii.equalsIgnoreCase(SHARDCHANNELS, request.arg(1)));
        boolean numsub = request.argCount() >= 2
                && (Ascii.equalsIgnoreCase(NUMSUB, request.arg(1)) || Ascii.equalsIgnoreCase(SHARDNUMSUB, request.arg(1)));
        if (!session.shared().ownedLimit.isEnabled() || !(channels || numsub)) {
            return Dispatch.forwardToSlot(session, request, cmd, 0);
        }
        if (channels) {
            return FanOut.toEveryMaster(session, request, cmd.name(), PubSubQuery::union);
        }
        if (request.argCount() == 2) {
            session.reply(cmd.name(), Replies.buffer(4).writeBytes("*0\r\n".getBytes(StandardCharsets.US_ASCII)));
            return true;
        }
        List<String> addrs = new ArrayList<>();
        for (int i = 2; i < request.argCount(); i++) {
            List<String> addr = PubSub.primaryOf(session, MultiKeySplit.slotOfArg(request, i));
            if (addr == null) {
                session.fail(cmd.name(), Replies.SLOT_NOT_READY);
                return true;
            }
            addrs.add(addr.get(0));
        }
        List<ByteBuf> payloads = new ArrayList<>();
        for (int i = 2; i < request.argCount(); i++) {
            payloads.add(Replies.command("PUBSUB", request.arg(1), request.arg(i)));
        }
        new FanOut(session.enqueue(cmd.name(), null), addrs.size(), WholeKeyspace::allKeys).sendEach(session, addrs, payloads);
        return true;
    }

    /** CHANNELS: every master's channels, each once. */
    private static ByteBuf union(RespReply[] replies) {
        Set<String> seen = new LinkedHashSet<>();
        for (RespReply reply : replies) {
            if (reply.type() != '*' || reply.isNull()) {
                return null;
            }
            for (ByteBuf channel : reply.elements()) {
                seen.add(new String(ByteBufUtil.getBytes(channel), StandardCharsets.ISO_8859_1));
            }
        }
        ByteBuf out = Replies.buffer(64);
        RespWriter.writeArrayHeader(out, seen.size());
        seen.forEach(channel -> out.writeBytes(channel.getBytes(StandardCharsets.ISO_8859_1)));
        return out;
    }
}
