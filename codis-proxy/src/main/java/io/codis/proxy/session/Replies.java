package io.codis.proxy.session;

import io.codis.common.resp.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;

/** Replies and requests the proxy writes itself. */
final class Replies {

    static final String SLOT_NOT_READY = "ERR handle request, slot is not ready, may be offline";

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
