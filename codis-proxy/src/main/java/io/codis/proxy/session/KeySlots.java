package io.codis.proxy.session;

import io.codis.common.slot.SlotHash;
import io.netty.buffer.ByteBuf;
import java.util.zip.CRC32;

/** Slot of a key held in a ByteBuf (no copy for a single-buffer key); one instance per event loop. */
final class KeySlots {

    private final CRC32 crc = new CRC32();

    int slotOf(ByteBuf key) {
        int from = key.readerIndex();
        int to = key.writerIndex();
        int open = key.indexOf(from, to, (byte) '{');
        if (open >= 0) {
            int close = key.indexOf(open + 1, to, (byte) '}');
            if (close >= 0) {
                return crc(key, open + 1, close - open - 1);
            }
        }
        return crc(key, from, to - from);
    }

    private int crc(ByteBuf buf, int index, int length) {
        crc.reset();
        if (length > 0) {
            if (buf.nioBufferCount() == 1) {
                crc.update(buf.nioBuffer(index, length));
            } else {
                byte[] bytes = new byte[length];
                buf.getBytes(index, bytes);
                crc.update(bytes);
            }
        }
        return (int) (crc.getValue() & SlotHash.MAX_SLOT_ID);
    }
}
