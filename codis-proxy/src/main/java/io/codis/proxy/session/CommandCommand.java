package io.codis.proxy.session;

import io.codis.common.resp.RespRequest;
import io.codis.common.resp.RespWriter;
import io.codis.common.slot.SlotHash;
import io.codis.proxy.command.CommandSpec;
import io.codis.proxy.command.CommandTable;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code COMMAND}, limited to what the proxy allows (the blocking and transaction commands only with
 * {@code proxy_max_owned_conns} > 0): {@code COMMAND} and {@code COMMAND INFO/DOCS} are
 * asked of a backend (of a pseudo-random slot) for the allowed commands only, a refused name asked for
 * by name answered as one Redis does not know (nil in INFO, left out of DOCS); {@code COMMAND COUNT} and
 * {@code COMMAND LIST} are answered from the table; any other subcommand ({@code GETKEYS}, {@code HELP},
 * {@code LIST FILTERBY}...) is forwarded as it came.
 */
final class CommandCommand {

    private CommandCommand() {
    }

    /** Handles {@code request}; false when it must wait for a held slot. */
    static boolean handle(Session session, RespRequest request, CommandSpec cmd) {
        int slot = (int) Math.floorMod(session.readNanos(), (long) SlotHash.SLOT_COUNT);
        int argc = request.argCount();
        boolean owned = session.shared().ownedLimit.isEnabled();
        if (argc == 1) {
            Dispatch.sendToSlotBackend(session, cmd.name(), slot, allowed("INFO", owned));
            return true;
        }
        String sub = request.arg(1).toString(StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
        switch (sub) {
            case "COUNT" -> {
                if (argc != 2) {
                    session.reply(cmd.name(), Replies.arity("command|count"));
                    return true;
                }
                ByteBuf out = Replies.buffer(16);
                RespWriter.writeInteger(out, CommandTable.allowedRedisNames(owned).size());
                session.reply(cmd.name(), out);
                return true;
            }
            case "LIST" -> {
                if (argc != 2) {
                    return Dispatch.forwardToSlot(session, request, cmd, slot);
                }
                List<String> names = CommandTable.allowedRedisNames(owned);
                ByteBuf out = Replies.buffer(names.size() * 16 + 16);
                RespWriter.writeArrayHeader(out, names.size());
                for (String name : names) {
                    RespWriter.writeBulk(out, name.getBytes(StandardCharsets.US_ASCII));
                }
                session.reply(cmd.name(), out);
                return true;
            }
            case "INFO", "DOCS" -> {
                Dispatch.sendToSlotBackend(session, cmd.name(), slot, argc == 2 ? allowed(sub, owned) : named(request, owned));
                return true;
            }
            default -> {
                return Dispatch.forwardToSlot(session, request, cmd, slot);
            }
        }
    }

    /** {@code COMMAND {sub} name...} of every allowed command. */
    private static ByteBuf allowed(String sub, boolean owned) {
        List<String> names = CommandTable.allowedRedisNames(owned);
        ByteBuf out = Replies.buffer(names.size() * 20 + 32);
        RespWriter.writeArrayHeader(out, 2 + names.size());
        RespWriter.writeBulk(out, "COMMAND".getBytes(StandardCharsets.US_ASCII));
        RespWriter.writeBulk(out, sub.getBytes(StandardCharsets.US_ASCII));
        for (String name : names) {
            RespWriter.writeBulk(out, name.getBytes(StandardCharsets.US_ASCII));
        }
        return out;
    }

    /** The request with every name the proxy refuses replaced by the empty name, which no Redis command has. */
    private static ByteBuf named(RespRequest request, boolean owned) {
        int argc = request.argCount();
        int size = 32;
        for (int i = 0; i < argc; i++) {
            size += request.argLength(i) + 16;
        }
        ByteBuf out = Replies.buffer(size);
        RespWriter.writeArrayHeader(out, argc);
        request.writeBulkArgs(out, 0, 2);
        for (int i = 2; i < argc; i++) {
            ByteBuf name = request.arg(i);
            if (CommandTable.isAllowedRedisCommand(name, owned)) {
                RespWriter.writeBulk(out, name);
            } else {
                RespWriter.writeBulk(out, new byte[0]);
            }
        }
        return out;
    }
}
