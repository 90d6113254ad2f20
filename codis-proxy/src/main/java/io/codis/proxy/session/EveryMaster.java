package io.codis.proxy.session;

import io.codis.common.resp.RespReply;
import io.codis.common.resp.RespRequest;
import io.codis.common.resp.RespWriter;
import io.codis.proxy.command.Ascii;
import io.codis.proxy.command.CommandSpec;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * SCRIPT and FUNCTION, sent to the master of every group the slots name ({@code Router#masters}) in one
 * {@link FanOut}, so that EVALSHA and FCALL work whichever group a key lands on. FUNCTION LIST and DUMP
 * are read from one master; SCRIPT EXISTS answers 1 only for a script every master has; any other
 * subcommand (LOAD, FLUSH, DELETE, RESTORE) answers the first master's reply when none failed, else
 * the first error (in master order), once.
 */
final class EveryMaster {

    private static final byte[] LIST = "LIST".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DUMP = "DUMP".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXISTS = "EXISTS".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LOAD = "LOAD".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FLUSH = "FLUSH".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SCRIPT = "SCRIPT".getBytes(StandardCharsets.US_ASCII);

    private EveryMaster() {
    }

    /** Sends {@code request} (its subcommand already checked) to every master, or to one for LIST and DUMP. */
    static boolean handle(Session session, RespRequest request, CommandSpec cmd) {
        if (Ascii.equalsIgnoreCase(LIST, request.arg(1)) || Ascii.equalsIgnoreCase(DUMP, request.arg(1))) {
            List<String> masters = FanOut.mastersOrRefuse(session, cmd.name());
            if (masters != null) {
                session.forwarder().sendTo(masters.get(0), request.takeRaw(), session.enqueue(cmd.name(), null));
            }
            return true;
        }
        return FanOut.toEveryMaster(session, request, cmd.name(), merge(session.shared().scripts, request));
    }

    /** How the masters' replies to {@code request} merge; a SCRIPT LOAD every master took is remembered, SCRIPT FLUSH forgets. */
    private static Function<RespReply[], ByteBuf> merge(ScriptReplay scripts, RespRequest request) {
        if (Ascii.equalsIgnoreCase(EXISTS, request.arg(1))) {
            return EveryMaster::everyMasterHas;
        }
        boolean script = Ascii.equalsIgnoreCase(SCRIPT, request.arg(0));
        if (script && Ascii.equalsIgnoreCase(FLUSH, request.arg(1))) {
            scripts.forgetAll();
        }
        if (script && Ascii.equalsIgnoreCase(LOAD, request.arg(1)) && request.argCount() == 3) {
            byte[] body = request.argBytes(2);
            return replies -> {
                String sha = Replies.bulkText(replies[0].frame());
                if (sha != null) {
                    scripts.remember(sha, body);
                }
                return FanOut.first(replies);
            };
        }
        return FanOut::first;
    }

    /** SCRIPT EXISTS: 1 where every master answered 1. */
    private static ByteBuf everyMasterHas(RespReply[] replies) {
        long length = replies[0].aggregateLength();
        for (RespReply reply : replies) {
            if (reply.type() != '*' || reply.aggregateLength() != length) {
                return null;
            }
        }
        int[] all = new int[(int) length];
        Arrays.fill(all, 1);
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
}
