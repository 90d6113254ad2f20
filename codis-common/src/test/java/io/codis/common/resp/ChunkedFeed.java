package io.codis.common.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Feeds bytes to a parser in chunks the way Netty's cumulation does, and describes what came out,
 * so that outcomes of different chunkings can be compared. Between chunks the unread bytes are
 * moved: alternately copied to a new buffer at another index, or compacted in place.
 */
final class ChunkedFeed {

    private ChunkedFeed() {
    }

    /** Requests read from {@code input} cut at {@code cuts}, then the protocol error if any. */
    static List<String> requests(byte[] input, int[] cuts) {
        return requests(input, cuts, PooledByteBufAllocator.DEFAULT);
    }

    /** Same, with the chunks in buffers from {@code alloc}. */
    static List<String> requests(byte[] input, int[] cuts, ByteBufAllocator alloc) {
        RespRequestParser parser = new RespRequestParser();
        return feed(input, cuts, alloc, in -> {
            RespRequest request = parser.parse(in);
            if (request == null) {
                return null;
            }
            try {
                StringBuilder description = new StringBuilder(request.isInline() ? "inline" : "array");
                for (int i = 0; i < request.argCount(); i++) {
                    description.append(" [").append(escape(request.arg(i))).append(']');
                }
                return description.append(" raw=").append(escape(request.raw())).toString();
            } finally {
                request.release();
            }
        });
    }

    /** Replies framed from {@code input} cut at {@code cuts}, then the protocol error if any. */
    static List<String> replies(byte[] input, int[] cuts) {
        return replies(input, cuts, PooledByteBufAllocator.DEFAULT);
    }

    /** Same, with the chunks in buffers from {@code alloc}. */
    static List<String> replies(byte[] input, int[] cuts, ByteBufAllocator alloc) {
        RespReplyFramer framer = new RespReplyFramer();
        return feed(input, cuts, alloc, in -> {
            RespReply reply = framer.next(in);
            if (reply == null) {
                return null;
            }
            try {
                return reply.typeName() + " " + escape(reply.frame());
            } finally {
                reply.release();
            }
        });
    }

    /** Every position from 1 to length - 1: one byte at a time. */
    static int[] everyByte(int length) {
        int[] cuts = new int[Math.max(length - 1, 0)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        return cuts;
    }

    private static List<String> feed(byte[] input, int[] cuts, ByteBufAllocator alloc, Function<ByteBuf, String> next) {
        List<String> outcome = new ArrayList<>();
        ByteBuf cumulation = alloc.directBuffer(16);
        try {
            int from = 0;
            for (int chunk = 0; chunk <= cuts.length; chunk++) {
                int to = chunk < cuts.length ? cuts[chunk] : input.length;
                cumulation = moveUnreadBytes(alloc, cumulation, chunk);
                cumulation.writeBytes(input, from, to - from);
                from = to;
                for (String item; (item = next.apply(cumulation)) != null; ) {
                    outcome.add(item);
                }
            }
        } catch (RespProtocolException e) {
            outcome.add("error " + e.getMessage() + (e.replyBeforeClose() ? " (reply)" : " (silent)"));
        } finally {
            cumulation.release();
        }
        return outcome;
    }

    private static ByteBuf moveUnreadBytes(ByteBufAllocator alloc, ByteBuf cumulation, int chunk) {
        if (chunk % 2 == 0) {
            cumulation.discardReadBytes();
            return cumulation;
        }
        ByteBuf moved = alloc.directBuffer(cumulation.readableBytes() + 16);
        moved.writeZero(chunk % 7).skipBytes(chunk % 7);
        moved.writeBytes(cumulation);
        cumulation.release();
        return moved;
    }

    private static String escape(ByteBuf buf) {
        StringBuilder text = new StringBuilder();
        for (byte b : ByteBufUtil.getBytes(buf)) {
            if (b >= 0x20 && b < 0x7f && b != '\\') {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02x", b & 0xff));
            }
        }
        return text.toString();
    }
}
