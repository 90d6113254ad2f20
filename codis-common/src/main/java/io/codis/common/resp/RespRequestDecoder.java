package io.codis.common.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Pipeline stage of a client connection: emits a {@link RespRequest} per request (the next handler
 * releases it). Malformed input reaches {@code exceptionCaught} as a {@link RespProtocolException}
 * after the requests read before it; the handler of that event answers and closes as the exception
 * says. One instance per channel.
 */
public final class RespRequestDecoder extends ByteToMessageDecoder {

    private final RespRequestParser parser = new RespRequestParser();

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        RespRequest request = parser.parse(in);
        if (request != null) {
            out.add(request);
        }
    }
}
