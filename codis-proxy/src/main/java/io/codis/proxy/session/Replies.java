package io.codis.proxy.session;

import io.codis.common.resp.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;

/** Replies and requests the proxy writes itself. */
final class Replies {

    static final String SLOT_NOT_READY = "ERR handle request, slot is not ready, may be offline";
    /** A command not split by the proxy whose keys go to different backends (Redis Cluster's CROSSSLOT). */
    static final String CROSS_SLOT = "CROSSSLOT handle request, keys in request don't hash to the same slot";

    /** A blocking command or a transaction finds every owned backend connection (proxy_max_owned_conns) taken. */
    static final String OWNED_LIMIT = "ERR handle request, max number of owned backend connections reached";

    /** EXEC after a command of the transaction was refused: Redis' text. */
    static final String EXEC_ABORT = "EXECABORT Transaction discarded because of previous errors.";
    /** A command of a transaction, or its EXEC, after a fill moved the transaction's slot elsewhere. */
    static final String TRANSACTION_SLOT_MOVED = "ERR handle request, the slot of the transaction moved, transaction discarded";

    private Replies() {
    }

    static ByteBuf buffer(int size) {
        return PooledByteBufAllocator.DEFAULT.buffer(size);
    }

    static ByteBuf error(String message) {
        ByteBuf out = buffer(message.length() + 3);
        RespWriter.writeError(out, message);
        return out;
    }

    static ByteBuf simple(String text) {
        ByteBuf out = buffer(text.length() + 3);
        RespWriter.writeSimpleString(out, text);
        return out;
    }

    /** A bulk string of {@code text} (UTF-8), or the null bulk string for null. */
    static ByteBuf bulk(String text) {
        if (text == null) {
            ByteBuf out = buffer(5);
            RespWriter.writeNullBulk(out);
            return out;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuf out = buffer(bytes.length + 16);
        RespWriter.writeBulk(out, bytes);
        return out;
    }

    /** {@link #bulk(String)} in the session's protocol: RESP3's null is {@code _}. */
    static ByteBuf bulk(String text, boolean resp3) {
        if (text == null && resp3) {
            ByteBuf out = buffer(3);
            RespWriter.writeNull3(out);
            return out;
        }
        return bulk(text);
    }

    /** Text Redis answers as a verbatim string in RESP3 (CLIENT INFO/LIST, INFO), a bulk string in RESP2. */
    static ByteBuf verbatim(String text, boolean resp3) {
        if (!resp3) {
            return bulk(text);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuf out = buffer(bytes.length + 20);
        RespWriter.writeVerbatimText(out, bytes);
        return out;
    }

    /**
     * The bytes of a bulk string element ({@code $n\r\n...\r\n}) of a backend's reply as ISO-8859-1 text
     * (one char per byte, so any bytes come back unchanged), or null for another type.
     */
    static String bulkText(ByteBuf element) {
        if (element.getByte(element.readerIndex()) != '$') {
            return null;
        }
        int start = element.indexOf(element.readerIndex(), element.writerIndex(), (byte) '\n') + 1;
        int end = element.writerIndex() - 2;
        return start <= 0 || end < start ? null : element.toString(start, end - start, StandardCharsets.ISO_8859_1);
    }

    static ByteBuf arity(String name) {
        return error("ERR wrong number of arguments for '" + name + "' command");
    }

    /** A request of the given arguments (strings as UTF-8, ByteBufs as their readable bytes). */
    static ByteBuf command(Object... args) {
        ByteBuf out = buffer(64);
        RespWriter.writeArrayHeader(out, args.length);
        for (Object arg : args) {
            if (arg instanceof ByteBuf buf) {
                RespWriter.writeBulk(out, buf);
            } else {
                RespWriter.writeBulk(out, ((String) arg).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
