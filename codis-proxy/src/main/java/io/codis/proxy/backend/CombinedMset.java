package io.codis.proxy.backend;

import io.codis.common.resp.RespReply;
import io.codis.common.resp.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The MSET parts (of split client MSETs) that one backend connection gets in a row within a round,
 * sent as one MSET: the backend runs one command instead of one per part, and the proxy reads one
 * {@code +OK} instead of one per part. Every part gets that reply, or the failure, as if it had been
 * sent alone; MSET sets its pairs in order, so later parts still win over earlier ones for a key they
 * share, as they would sent one after the other. Loop-confined.
 *
 * <p>The pairs are appended behind room kept for the header, which {@link #command()} writes once the
 * number of pairs is known.
 */
final class CombinedMset implements ReplyHandler {

    /** A combined MSET takes no more pairs once it holds this many bytes. */
    static final int MAX_BYTES = 32 * 1024;
    /** {@code *<argc>\r\n$4\r\nMSET\r\n} with up to ten digits. */
    private static final int HEADROOM = 24;
    private static final byte[] NAME = "MSET".getBytes(StandardCharsets.US_ASCII);

    private final ByteBuf command;
    private int pairs;
    private ReplyHandler[] parts = new ReplyHandler[8];
    private int partCount;

    CombinedMset(ByteBufAllocator alloc, int size) {
        command = alloc.directBuffer(HEADROOM + Math.max(size, 1024));
        command.writerIndex(HEADROOM).readerIndex(HEADROOM);
    }

    /** Where the next part's pairs ({@code size} bytes at most) are written, or null when this MSET is full. */
    ByteBuf room(int size) {
        if (partCount > 0 && command.readableBytes() + size > MAX_BYTES) {
            return null;
        }
        command.ensureWritable(size);
        return command;
    }

    /** The pairs just written into {@link #room} belong to {@code part}, which gets the reply. */
    void add(ReplyHandler part, int partPairs) {
        if (partCount == parts.length) {
            parts = Arrays.copyOf(parts, partCount * 2);
        }
        parts[partCount++] = part;
        pairs += partPairs;
    }

    /** The whole command, header and pairs; the caller owns it. */
    ByteBuf command() {
        ByteBuf header = Unpooled.buffer(HEADROOM);
        RespWriter.writeArrayHeader(header, 1 + 2 * pairs);
        RespWriter.writeBulk(header, NAME);
        int start = HEADROOM - header.readableBytes();
        command.setBytes(start, header);
        command.readerIndex(start);
        return command;
    }

    /** The connection failed before the command was written. */
    void discard() {
        command.release();
    }

    @Override
    public void onReply(RespReply reply) {
        if (partCount == 0) {
            reply.release();
            return;
        }
        if (partCount > 1) {
            reply.retain(partCount - 1);
        }
        for (int i = 0; i < partCount; i++) {
            parts[i].onReply(reply);
        }
    }

    @Override
    public void onFailure(String error) {
        for (int i = 0; i < partCount; i++) {
            parts[i].onFailure(error);
        }
    }
}
