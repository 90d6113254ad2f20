package io.codis.proxy.session;

import io.codis.common.resp.RespRequest;
import io.codis.proxy.command.CommandSpec;
import io.codis.proxy.command.CommandTable;
import io.codis.proxy.forward.ForwardHandler;
import io.codis.proxy.router.SlotState;
import io.netty.buffer.ByteBuf;

/**
 * What a session does with one request it read (proxy-dataplane.md "Routing a command to a slot"):
 * refuses a bad or not allowed command, has {@link LocalCommands} answer a local one and
 * {@link MultiKeySplit} split a multi-key one, and queues any other on the session and has the
 * session's forwarder send it to the backend of its slot.
 */
final class Dispatch {

    private Dispatch() {
    }

    /** Handles one request; false when it must wait for a held slot (nothing was done then). */
    static boolean handle(Session session, RespRequest request) {
        int nameLength = request.argLength(0);
        if (nameLength == 0 || nameLength > RespRequest.MAX_COMMAND_NAME_LENGTH) {
            session.fail(null, "ERR handle request, bad command length, too short or too long");
            if (session.transaction() != null) {
                session.transaction().refusedWhileQueueing();
            }
            return true;
        }
        CommandSpec cmd = CommandTable.lookup(request.argBuffer(), request.argIndex(0), nameLength);
        session.commandRead(cmd.name());
        Transaction transaction = session.transaction();
        if (transaction != null && transaction.isQueueing()) {
            return transaction.queue(session, request, cmd);
        }
        if (session.isSubscribed() && !session.isResp3()) { // RESP3 lets a subscribed client run any command, as Redis
            if (!PubSub.allowedWhileSubscribed(cmd.name())) {
                session.fail(cmd.name(), PubSub.notInContext(cmd.name()));
                return true;
            }
            if (cmd.name().equals("PING")) {
                PubSub.ping(session, request);
                return true;
            }
        }
        if (cmd.isNotAllowed() && !isEnabled(session.shared(), cmd)) {
            session.fail(cmd.name(), notAllowed(cmd.name()));
            return true;
        }
        String refused = cmd.refusedSubcommand(request);
        if (refused != null) {
            session.fail(cmd.name(), notAllowed(refused));
            return true;
        }
        switch (cmd.local()) {
            case NONE -> {
                if (!session.isAuthorized()) {
                    return refuseUnauthorized(session, cmd);
                }
                int keyIndex = cmd.routingKeyIndex(request);
                return keyIndex < 0 ? forwardToSlot(session, request, cmd, 0)
                        : forward(session, request, cmd, MultiKeySplit.slotOfArg(request, keyIndex));
            }
            case MGET, MSET, DEL, EXISTS, TOUCH, UNLINK -> {
                if (!session.isAuthorized()) {
                    return refuseUnauthorized(session, cmd);
                }
                return MultiKeySplit.split(session, request, cmd);
            }
            default -> {
                return LocalCommands.handle(session, request, cmd);
            }
        }
    }

    /** Whether a command the original refuses is served here, as proxy.toml allows (owned connections, KEYS, FLUSH*). */
    static boolean isEnabled(Sessions shared, CommandSpec cmd) {
        return switch (cmd.local()) {
            case KEYS -> shared.allowKeys;
            case FLUSH -> shared.allowFlush;
            default -> cmd.local().needsOwnedConnection() && shared.ownedLimit.isEnabled();
        };
    }

    static String notAllowed(String name) {
        return "ERR handle request, command '" + name + "' is not allowed";
    }

    /**
     * Sends {@code payload} (the proxy's own request, about no key) to the primary of slot {@code slotId}
     * as it is now, without entering the slot: nothing it answers depends on the slot's data.
     */
    static void sendToSlotBackend(Session session, String name, int slotId, ByteBuf payload) {
        SlotState state = session.shared().router.slot(slotId);
        if (state.isOffline()) {
            payload.release();
            session.fail(name, Replies.SLOT_NOT_READY);
            return;
        }
        session.forwarder().sendTo(state.slot().backendAddr(), payload, session.enqueue(name, null));
    }

    /** The reply to any command but QUIT, AUTH and HELLO before the session is authorized. */
    static boolean refuseUnauthorized(Session session, CommandSpec cmd) {
        session.reply(cmd.name(), Replies.error("NOAUTH Authentication required"));
        return true;
    }

    /** Forwards the request as it came to the backend of slot {@code slotId}, the slot of its key. */
    static boolean forward(Session session, RespRequest request, CommandSpec cmd, int slotId) {
        return forward(session, request, cmd, slotId, true);
    }

    /** Forwards the request as it came to the backend of slot {@code slotId} without migration handling (no key). */
    static boolean forwardToSlot(Session session, RespRequest request, CommandSpec cmd, int slotId) {
        return forward(session, request, cmd, slotId, false);
    }

    /**
     * Enters slot {@code slotId} for {@code request} and checks it (online; with {@code keyed}, every key
     * goes where the routing key goes): the entered slot, or null when the request was answered or the
     * session {@linkplain Session#isParked() parked} on a held slot.
     */
    static SlotState enter(Session session, RespRequest request, CommandSpec cmd, int slotId, boolean keyed) {
        SlotState state = session.shared().router.slot(slotId);
        if (!state.tryEnter()) {
            session.park(state);
            return null;
        }
        if (state.isOffline()) {
            state.exit();
            session.fail(cmd.name(), Replies.SLOT_NOT_READY);
            return null;
        }
        if (keyed && cmd.hasSeveralKeys()) {
            SlotState outlier = session.keySlots().outlier(request, cmd, state);
            if (outlier != null) {
                state.exit();
                if (outlier.isHeld()) {
                    session.park(outlier);
                    return null;
                }
                session.fail(cmd.name(), Replies.CROSS_SLOT);
                return null;
            }
        }
        return state;
    }

    private static boolean forward(Session session, RespRequest request, CommandSpec cmd, int slotId, boolean keyed) {
        SlotState state = enter(session, request, cmd, slotId, keyed);
        if (state == null) {
            return !session.isParked();
        }
        boolean needsMaster = cmd.needsMaster();
        Pending pending = session.enqueue(cmd.name(), state);
        pending.readOnly = !needsMaster;
        ForwardHandler handler = ScriptReplay.isEvalsha(cmd) ? session.shared().scripts.around(session, request, state, pending) : pending;
        if (keyed) {
            session.forwarder().forward(state, request, cmd, needsMaster, handler);
        } else {
            session.forwarder().forwardToSlot(state, request, needsMaster, handler);
        }
        return true;
    }

    /** Sends {@code payload} (the proxy's own request) to backend {@code addr} if some slot names it. */
    static void sendTo(Session session, String addr, String name, ByteBuf payload) {
        if (!isBackend(session, addr, name)) {
            payload.release();
            return;
        }
        session.forwarder().sendTo(addr, payload, session.enqueue(name, null));
    }

    /** Whether some slot names backend {@code addr}; if none does, the reply to command {@code name} says so. */
    static boolean isBackend(Session session, String addr, String name) {
        if (session.shared().router.isBackendAddress(addr)) {
            return true;
        }
        session.reply(name, Replies.error("ERR backend server '" + addr + "' not found"));
        return false;
    }
}
