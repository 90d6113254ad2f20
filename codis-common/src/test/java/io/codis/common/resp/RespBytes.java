package io.codis.common.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;

import java.nio.charset.StandardCharsets;

/** Test input: leak-tracked pooled direct buffers, as a Netty channel would hand them over. */
final class RespBytes {

    private RespBytes() {
    }

    static ByteBuf buffer(String text) {
        return buffer(bytes(text));
    }

    static ByteBuf buffer(byte[] bytes) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(Math.max(bytes.length, 1));
        return buf.writeBytes(bytes);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(ByteBuf buf) {
        return new String(ByteBufUtil.getBytes(buf), StandardCharsets.ISO_8859_1);
    }
}
