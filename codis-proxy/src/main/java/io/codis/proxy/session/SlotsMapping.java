package io.codis.proxy.session;

import io.codis.common.model.Slot;
import io.codis.common.resp.RespRequest;
import io.codis.common.resp.RespWriter;
import io.codis.common.slot.SlotHash;
import io.codis.proxy.router.Router;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * SLOTSMAPPING, answered by the proxy from its routing table, and the slot number argument it shares
 * with SLOTSSCAN, parsed and refused with the original's (Go strconv) messages.
 */
final class SlotsMapping {

    private SlotsMapping() {
    }

    /** {@code SLOTSMAPPING} (every slot) or {@code SLOTSMAPPING slot}. */
    static ByteBuf reply(RespRequest request, Router router) {
        int argc = request.argCount();
        if (argc >= 3) {
            return Replies.arity("SLOTSMAPPING");
        }
        if (argc == 2) {
            String text = request.arg(1).toString(StandardCharsets.UTF_8);
            int slot = slotNumber(text);
            if (slot < 0) {
                return badSlotNumber(text);
            }
            ByteBuf out = Replies.buffer(128);
            entry(out, router.slot(slot).slot());
            return out;
        }
        ByteBuf out = Replies.buffer(32 * 1024);
        RespWriter.writeArrayHeader(out, SlotHash.SLOT_COUNT);
        for (int i = 0; i < SlotHash.SLOT_COUNT; i++) {
            entry(out, router.slot(i).slot());
        }
        return out;
    }

    /** The slot {@code text} names, or -1 when it names none (then {@link #badSlotNumber} is the reply). */
    static int slotNumber(String text) {
        try {
            long slot = Long.parseLong(text);
            return slot < 0 || slot > SlotHash.MAX_SLOT_ID ? -1 : (int) slot;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The error for a slot number argument {@link #slotNumber} refused. */
    static ByteBuf badSlotNumber(String text) {
        try {
            Long.parseLong(text);
            return Replies.error("ERR parse slotnum '" + text + "' failed, out of range");
        } catch (NumberFormatException e) {
            String reason = text.matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax";
            return Replies.error("ERR parse slotnum '" + text + "' failed, strconv.ParseInt: parsing \""
                    + text + "\": " + reason);
        }
    }

    private static void entry(ByteBuf out, Slot slot) {
        RespWriter.writeArrayHeader(out, 4);
        RespWriter.writeSimpleString(out, Integer.toString(slot.id()));
        RespWriter.writeSimpleString(out, slot.backendAddr());
        RespWriter.writeSimpleString(out, slot.migrateFrom());
        RespWriter.writeArrayHeader(out, slot.replicaGroups().size());
        for (List<String> group : slot.replicaGroups()) {
            RespWriter.writeArrayHeader(out, group.size());
            for (String addr : group) {
                RespWriter.writeSimpleString(out, addr);
            }
        }
    }
}
