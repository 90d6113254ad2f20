package io.codis.proxy.backend;

import io.codis.common.resp.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;

/** The commands a backend connection sends of its own (handshake, keepalive), as RESP arrays of bulk strings. */
final class Commands {

    private Commands() {
    }

    /** {@code args} as one command; the caller owns the buffer. */
    static ByteBuf of(String... args) {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer(32);
        RespWriter.writeArrayHeader(out, args.length);
        for (String arg : args) {
            RespWriter.writeBulk(out, arg.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }
}
