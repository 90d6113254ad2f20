package io.codis.proxy.session;

import io.codis.common.resp.RespRequest;
import io.codis.common.slot.SlotHash;
import io.codis.proxy.command.Ascii;
import io.codis.proxy.command.CommandSpec;
import io.codis.proxy.router.SlotState;
import java.nio.charset.StandardCharsets;

/**
 * Blocking commands (BLPOP, BRPOP, BRPOPLPUSH, BLMOVE, BLMPOP, BZPOPMIN, BZPOPMAX, BZMPOP, XREAD and
 * XREADGROUP with BLOCK, WAIT): sent as they came to the primary of their keys' slot on a connection
 * the session owns ({@link OwnedLinks}), so a call that blocks holds up no other client; Redis
 * answers every argument error and timeout itself. Keys of several slots get {@link Replies#CROSS_SLOT};
 * WAIT, which has no key, goes to the primary of a pseudo-random slot. The slot is entered only while
 * the call is being sent (its keys moved first while it migrates), never while it blocks, so a fill
 * never waits for a blocked client; a call whose slot a fill moves is ended with Redis' -UNBLOCKED
 * error ({@link OwnedLinks#unblockMoved}).
 */
final class Blocking {

    private static final byte[] BLOCK = "BLOCK".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COUNT = "COUNT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STREAMS = "STREAMS".getBytes(StandardCharsets.US_ASCII);

    private Blocking() {
    }

    /** XREAD or XREADGROUP: blocking with a BLOCK option, else forwarded as any read (write for XREADGROUP). */
    static boolean xread(Session session, RespRequest request, CommandSpec cmd) {
        if (hasBlockOption(request, cmd.name().equals("XREAD") ? 1 : 4)) {
            return handle(session, request, cmd);
        }
        int keyIndex = cmd.routingKeyIndex(request);
        return keyIndex < 0 ? Dispatch.forwardToSlot(session, request, cmd, 0)
                : Dispatch.forward(session, request, cmd, MultiKeySplit.slotOfArg(request, keyIndex));
    }

    /** Whether the options from argument {@code from} to STREAMS name BLOCK (COUNT and BLOCK take a value). */
    private static boolean hasBlockOption(RespRequest request, int from) {
        for (int i = from; i < request.argCount(); i++) {
            if (Ascii.equalsIgnoreCase(BLOCK, request.arg(i))) {
                return true;
            }
            if (Ascii.equalsIgnoreCase(STREAMS, request.arg(i))) {
                return false;
            }
            if (Ascii.equalsIgnoreCase(COUNT, request.arg(i))) {
                i++;
            }
        }
        return false;
    }

    /** Sends a blocking command on an owned connection; false when it must wait for a held slot. */
    static boolean handle(Session session, RespRequest request, CommandSpec cmd) {
        String name = cmd.name();
        if (!session.shared().ownedLimit.isEnabled()) {
            session.fail(name, Dispatch.notAllowed(name));
            return true;
        }
        int keyIndex = cmd.routingKeyIndex(request);
        int slotId = keyIndex >= 0 ? MultiKeySplit.slotOfArg(request, keyIndex)
                : (int) Math.floorMod(session.readNanos(), (long) SlotHash.SLOT_COUNT);
        SlotState state = Dispatch.enter(session, request, cmd, slotId, keyIndex >= 0);
        if (state == null) {
            return !session.isParked();
        }
        try {
            Pending pending = session.enqueue(name, null);
            OwnedLinks.Call call = session.ownedLinks().call(state, keyIndex >= 0, session.forwarder().db(), pending);
            if (call == null) {
                pending.onRefused(Replies.OWNED_LIMIT);
                return true;
            }
            if (keyIndex >= 0) {
                session.forwarder().forwardOn(call.connection(), state, request, cmd, call);
            } else {
                session.forwarder().sendOn(call.connection(), request.takeRaw(), call);
            }
            return true;
        } finally {
            state.exit();
        }
    }
}
