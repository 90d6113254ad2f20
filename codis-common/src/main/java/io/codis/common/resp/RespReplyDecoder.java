package io.codis.common.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Pipeline stage of a backend connection: emits a {@link RespReply} per reply (the next handler
 * releases it). Malformed input reaches {@code exceptionCaught} as a {@link RespProtocolException}.
 * One instance per channel.
 */
public final class RespReplyDecoder extends ByteToMessageDecoder {

    private final RespReplyFramer framer = new RespReplyFramer();

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        RespReply reply = framer.next(in);
        if (reply != null) {
            out.add(reply);
        }
    }
}
