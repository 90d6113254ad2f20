package io.codis.proxy.session;

import io.codis.common.resp.RespRequest;
import io.codis.common.slot.SlotHash;
import io.netty.buffer.ByteBuf;

/**
 * Slot of a key held in a ByteBuf, without a slice or NIO view per key: the key is copied once into a
 * reused scratch array and hashed there by {@link SlotHash}; one instance per event loop.
 */
final class KeySlots {

    private static final int MAX_SCRATCH = 64 * 1024;

    private byte[] scratch = new byte[256];

    /** The slot of argument {@code index} of {@code request}. */
    int slotOf(RespRequest request, int index) {
        return slotOf(request.argBuffer(), request.argIndex(index), request.argLength(index));
    }

    int slotOf(ByteBuf key) {
        return slotOf(key, key.readerIndex(), key.readableBytes());
    }

    /** The slot of the {@code length} bytes of {@code buf} at absolute index {@code from}. */
    int slotOf(ByteBuf buf, int from, int length) {
        byte[] bytes = scratch;
        if (length > bytes.length) {
            bytes = new byte[length];
            if (length <= MAX_SCRATCH) {
                scratch = bytes;
            }
        }
        buf.getBytes(from, bytes, 0, length);
        return SlotHash.slotOf(bytes, 0, length);
    }
}
