package io.codis.proxy.session;

import io.codis.common.resp.RespRequest;
import io.codis.common.slot.SlotHash;
import io.netty.buffer.ByteBuf;
import java.util.zip.CRC32;

/**
 * Slot of a key held in a ByteBuf, without a slice or NIO view per key (the bytes go through a
 * reused scratch array into the intrinsic CRC32); one instance per event loop.
 */
final class KeySlots {

    private static final int MAX_SCRATCH = 64 * 1024;

    private final CRC32 crc = new CRC32();
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
        int to = from + length;
        int open = length == 0 ? -1 : buf.indexOf(from, to, (byte) '{');
        if (open >= 0) {
            int close = buf.indexOf(open + 1, to, (byte) '}');
            if (close >= 0) {
                return crc(buf, open + 1, close - open - 1);
            }
        }
        return crc(buf, from, length);
    }

    private int crc(ByteBuf buf, int index, int length) {
        crc.reset();
        if (length > 0) {
            byte[] bytes = scratch;
            if (length > bytes.length) {
                bytes = new byte[length];
                if (length <= MAX_SCRATCH) {
                    scratch = bytes;
                }
            }
            buf.getBytes(index, bytes, 0, length);
            crc.update(bytes, 0, length);
        }
        return (int) (crc.getValue() & SlotHash.MAX_SLOT_ID);
    }
}
