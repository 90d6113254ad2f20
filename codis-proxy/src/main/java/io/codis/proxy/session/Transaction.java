package io.codis.proxy.session;

import io.codis.common.model.Slot;
import io.codis.common.resp.RespReply;
import io.codis.common.resp.RespRequest;
import io.codis.common.slot.SlotHash;
import io.codis.proxy.backend.BackendConnection;
import io.codis.proxy.backend.OwnedConnections;
import io.codis.proxy.command.CommandSpec;
import io.codis.proxy.command.LocalCommand;
import io.codis.proxy.forward.ForwardHandler;
import io.codis.proxy.router.SlotState;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * One session's transaction, from WATCH or MULTI to EXEC, DISCARD, UNWATCH or RESET, on a backend
 * connection the session owns ({@link OwnedConnections}) to the primary of the transaction's slot:
 * WATCH binds it to its keys' slot, MULTI without WATCH to the slot of the first command with a key
 * (the keyless commands before it are answered +QUEUED by the proxy and written after the MULTI).
 * Redis answers every command (+QUEUED, its errors, EXECABORT, the null reply of a WATCH conflict);
 * the proxy answers a command with a key of another slot with {@link Replies#CROSS_SLOT} and one it does not
 * allow in a transaction with its refusal, and EXEC then discards the transaction with
 * {@link Replies#EXEC_ABORT}, as Redis does after an error while queueing. Keys of a migrating slot
 * move to the target before the command is queued there (move on access). The slot is entered only
 * while each command is sent; a fill that moves the slot meanwhile fails the rest of the transaction
 * ({@link Replies#TRANSACTION_SLOT_MOVED}), so EXEC never runs where its keys no longer are.
 * Loop-confined.
 */
final class Transaction {

    private final Session session;
    private final OwnedConnections pool;
    private BackendConnection conn;
    private int slotId = -1;
    /** The transaction slot's route when the connection was taken. */
    private Slot route;
    /** In MULTI: every command is queued on the connection. */
    private boolean queueing;
    /** A command was refused while queueing: EXEC discards the transaction. */
    private boolean aborted;
    /** SELECT moved the connection to another DB: it is closed, not kept, when the transaction ends. */
    private boolean otherDb;
    /** Commands queued since MULTI (CLIENT LIST's {@code multi=}). */
    private int queued;
    /** Keyless commands queued (answered +QUEUED) before the connection is taken. */
    private ArrayDeque<ByteBuf> waiting;

    private Transaction(Session session) {
        this.session = session;
        this.pool = session.ownedConnections();
    }

    /** The commands queued since MULTI; -1 outside MULTI, as CLIENT LIST's {@code multi=}. */
    int queuedCount() {
        return queueing ? queued : -1;
    }

    /** In MULTI: {@link #queue} handles every command of the session. */
    boolean isQueueing() {
        return queueing;
    }

    /** MULTI, EXEC, DISCARD, WATCH or UNWATCH outside MULTI; false when it must wait for a held slot. */
    static boolean handle(Session session, RespRequest request, CommandSpec cmd) {
        String name = cmd.name();
        Transaction tx = session.transaction();
        switch (cmd.local()) {
            case WATCH -> {
                return watch(session, tx, request, cmd);
            }
            case MULTI -> {
                if (request.argCount() != 1) {
                    session.reply(name, Replies.arity("multi"));
                    return true;
                }
                if (tx == null) {
                    tx = new Transaction(session);
                    session.transaction(tx);
                }
                tx.queueing = true;
                if (tx.conn == null) {
                    session.reply(name, Replies.simple("OK"));
                } else {
                    session.forwarder().sendOn(tx.conn, request.takeRaw(), session.enqueue(name, null));
                }
            }
            case EXEC, DISCARD -> session.reply(name, request.argCount() != 1
                    ? Replies.arity(name.toLowerCase(Locale.ROOT))
                    : Replies.error("ERR " + name + " without MULTI"));
            case UNWATCH -> {
                if (request.argCount() != 1) {
                    session.reply(name, Replies.arity("unwatch"));
                } else if (tx == null) {
                    session.reply(name, Replies.simple("OK"));
                } else {
                    session.transaction(null);
                    session.forwarder().sendOn(tx.conn, request.takeRaw(), tx.new Ending(session.enqueue(name, null), null));
                }
            }
            default -> throw new IllegalArgumentException("not a transaction command: " + name);
        }
        return true;
    }

    private static boolean watch(Session session, Transaction tx, RespRequest request, CommandSpec cmd) {
        String name = cmd.name();
        if (request.argCount() < 2) {
            session.reply(name, Replies.arity("watch"));
            return true;
        }
        SlotState state = Dispatch.enter(session, request, cmd, MultiKeySplit.slotOfArg(request, 1), true);
        if (state == null) {
            return !session.isParked();
        }
        if (tx == null) {
            BackendConnection conn = session.ownedConnections().acquire(state.slot().backendAddr(), session.forwarder().db());
            if (conn == null) {
                state.exit();
                session.fail(name, Replies.OWNED_LIMIT);
                return true;
            }
            tx = new Transaction(session);
            tx.bind(conn, state);
            session.transaction(tx);
        } else if (tx.slotMoved()) {
            state.exit();
            session.fail(name, Replies.TRANSACTION_SLOT_MOVED);
            return true;
        } else if (!KeySlots.servedAlike(state.slot(), tx.route)) {
            state.exit();
            session.fail(name, Replies.CROSS_SLOT);
            return true;
        }
        session.forwarder().forwardOn(tx.conn, state, request, cmd, session.enqueue(name, state));
        return true;
    }

    /** A command of the session in MULTI; false when it must wait for a held slot. */
    boolean queue(Session session, RespRequest request, CommandSpec cmd) {
        String name = cmd.name();
        switch (cmd.local()) {
            case EXEC -> {
                return end(request, cmd, true);
            }
            case DISCARD -> {
                return end(request, cmd, false);
            }
            case QUIT, RESET -> {
                return LocalCommands.handle(session, request, cmd);
            }
            case MULTI -> session.reply(name, request.argCount() != 1 ? arityAborting(name)
                    : Replies.error("ERR MULTI calls can not be nested"));
            case WATCH -> session.reply(name, request.argCount() < 2 ? arityAborting(name)
                    : Replies.error("ERR WATCH inside MULTI is not allowed"));
            case PING, ECHO, TIME, UNWATCH -> queueAsIs(request, name);
            case NONE, BLOCKING, XREAD, MGET, MSET, DEL, EXISTS, TOUCH, UNLINK -> {
                if (cmd.isNotAllowed() && cmd.local() == LocalCommand.NONE) {
                    refuse(name, Dispatch.notAllowed(name));
                    return true;
                }
                return queueKeyed(request, cmd);
            }
            default -> refuse(name, cmd.isNotAllowed() && !Dispatch.isEnabled(session.shared(), cmd) ? Dispatch.notAllowed(name)
                    : "ERR handle request, command '" + name + "' is not allowed inside a transaction");
        }
        return true;
    }

    /** A request of the session was refused before it reached {@link #queue} (a bad name): in MULTI, EXEC discards the transaction. */
    void refusedWhileQueueing() {
        if (queueing) {
            aborted = true;
        }
    }

    /** Redis' arity error for {@code name}, which discards the transaction at EXEC. */
    private ByteBuf arityAborting(String name) {
        aborted = true;
        return Replies.arity(name.toLowerCase(Locale.ROOT));
    }

    private void refuse(String name, String message) {
        aborted = true;
        session.fail(name, message);
    }

    private boolean queueKeyed(RespRequest request, CommandSpec cmd) {
        int keyIndex = cmd.routingKeyIndex(request);
        if (keyIndex < 0 || cmd.isUnknown()) {
            queueAsIs(request, cmd.name()); // Redis answers an arity error or an unknown command itself
            return true;
        }
        SlotState state = Dispatch.enter(session, request, cmd, MultiKeySplit.slotOfArg(request, keyIndex), true);
        if (state == null) {
            if (session.isParked()) {
                return false;
            }
            aborted = true; // answered: slot offline, or keys of several slots
            return true;
        }
        String name = cmd.name();
        if (conn == null) {
            BackendConnection owned = pool.acquire(state.slot().backendAddr(), session.forwarder().db());
            if (owned == null) {
                state.exit();
                dropWaiting();
                refuse(name, Replies.OWNED_LIMIT);
                return true;
            }
            bind(owned, state);
            startMulti();
        } else if (slotMoved()) {
            state.exit();
            refuse(name, Replies.TRANSACTION_SLOT_MOVED);
            return true;
        } else if (!KeySlots.servedAlike(state.slot(), route)) {
            state.exit();
            refuse(name, Replies.CROSS_SLOT);
            return true;
        }
        queued++;
        Pending pending = session.enqueue(name, state);
        session.forwarder().forwardOn(conn, state, request, cmd, state.isMigrating() ? new Moved(pending) : pending);
        return true;
    }

    /**
     * Queues a command without a key on the connection; before the connection is taken, the proxy
     * answers +QUEUED and keeps it (an error Redis finds in it then shows as EXECABORT at EXEC).
     */
    private void queueAsIs(RespRequest request, String name) {
        queued++;
        if (conn != null) {
            session.forwarder().sendOn(conn, request.takeRaw(), session.enqueue(name, null));
            return;
        }
        if (waiting == null) {
            waiting = new ArrayDeque<>();
        }
        waiting.add(request.takeRaw());
        session.reply(name, Replies.simple("QUEUED"));
    }

    /** EXEC ({@code exec}) or DISCARD in MULTI: false when EXEC must wait for a held slot. */
    private boolean end(RespRequest request, CommandSpec cmd, boolean exec) {
        String name = cmd.name();
        if (request.argCount() != 1) {
            session.reply(name, arityAborting(name));
            return true;
        }
        if (conn == null && (!exec || !hasWaiting())) {
            dropWaiting(); // DISCARD: nothing was sent
            session.transaction(null);
            if (!exec) {
                session.reply(name, Replies.simple("OK"));
            } else if (aborted) {
                session.reply(name, Replies.error(Replies.EXEC_ABORT));
            } else {
                session.reply(name, Replies.buffer(4).writeBytes(new byte[] {'*', '0', '\r', '\n'}));
            }
            return true;
        }
        String unbound = conn == null ? bindAnywhere() : null;
        if (unbound != null) {
            session.transaction(null);
            session.fail(name, unbound);
            return true;
        }
        SlotState state = null;
        if (exec) {
            state = session.shared().router.slot(slotId);
            if (!state.tryEnter()) {
                session.park(state);
                return false;
            }
        }
        session.transaction(null);
        Pending pending = session.enqueue(name, state);
        if (exec && (aborted || slotMoved())) {
            session.forwarder().sendOn(conn, Replies.command("DISCARD"),
                    new Ending(pending, aborted ? Replies.EXEC_ABORT : Replies.TRANSACTION_SLOT_MOVED));
        } else {
            session.forwarder().sendOn(conn, request.takeRaw(), new Ending(pending, null));
        }
        return true;
    }

    /** Takes a connection for a transaction of keyless commands only, to the primary of a pseudo-random slot: null, or the error. */
    private String bindAnywhere() {
        SlotState state = session.shared().router.slot((int) Math.floorMod(session.readNanos(), (long) SlotHash.SLOT_COUNT));
        BackendConnection owned = state.isOffline() ? null
                : pool.acquire(state.slot().backendAddr(), session.forwarder().db());
        if (owned == null) {
            dropWaiting();
            return state.isOffline() ? Replies.SLOT_NOT_READY : Replies.OWNED_LIMIT;
        }
        bind(owned, state);
        startMulti();
        return null;
    }

    private boolean hasWaiting() {
        return waiting != null && !waiting.isEmpty();
    }

    private void bind(BackendConnection owned, SlotState state) {
        conn = owned;
        slotId = state.id();
        route = state.slot();
    }

    /** Writes the MULTI (its +OK is the proxy's, already answered), then the commands that waited for the connection. */
    private void startMulti() {
        session.forwarder().sendOn(conn, Replies.command("MULTI"), IGNORED);
        while (hasWaiting()) {
            session.forwarder().sendOn(conn, waiting.poll(), IGNORED);
        }
    }

    private void dropWaiting() {
        while (hasWaiting()) {
            waiting.poll().release();
        }
    }

    /** Whether a fill moved the transaction's slot since its connection was taken. */
    private boolean slotMoved() {
        return !KeySlots.servedAlike(session.shared().router.slot(slotId).slot(), route);
    }

    /**
     * The session SELECTed {@code db} while it watches: the connection follows (Redis keeps the WATCH
     * across SELECT), so the transaction's commands run in that DB.
     */
    void selected(int db) {
        if (conn != null && !queueing) {
            session.forwarder().sendOn(conn, Replies.command("SELECT", Integer.toString(db)), IGNORED);
            otherDb = true;
        }
    }

    /** The session closed or was RESET: the transaction ends unrun, its connection closed. */
    void abandon() {
        queueing = false;
        dropWaiting();
        if (conn != null) {
            pool.release(conn, false);
        }
    }

    /**
     * A command queued on a migrating slot: when moving its keys fails, the client gets that error and
     * the transaction is flagged on the backend too, by a command Redis refuses while queueing (GET
     * without a key), written at once, ahead of an EXEC the client may have pipelined, which waits
     * behind this command: EXEC then answers EXECABORT, as for any error while queueing.
     */
    private final class Moved implements ForwardHandler {
        private final Pending pending;

        Moved(Pending pending) {
            this.pending = pending;
        }

        @Override
        public void onReply(RespReply reply) {
            pending.onReply(reply);
        }

        @Override
        public void onFailure(String error) {
            pending.onFailure(error);
        }

        @Override
        public void onRefused(String message) {
            aborted = true;
            conn.send(Replies.command("GET"), IGNORED);
            pending.onRefused(message);
        }
    }

    /** The reply to a command the proxy wrote, or answered itself (the MULTI, the keyless commands queued before it): dropped. */
    private static final ForwardHandler IGNORED = new ForwardHandler() {
        @Override
        public void onReply(RespReply reply) {
            reply.release();
        }

        @Override
        public void onFailure(String error) {
        }

        @Override
        public void onRefused(String message) {
        }
    };

    /**
     * The reply to the command that ends the transaction on its connection (EXEC, DISCARD, UNWATCH):
     * gives the connection back once answered (closes it on a failure); with {@code replacement}, the
     * client gets that error instead of the reply.
     */
    private final class Ending implements ForwardHandler {
        private final Pending pending;
        private final String replacement;

        Ending(Pending pending, String replacement) {
            this.pending = pending;
            this.replacement = replacement;
        }

        @Override
        public void onReply(RespReply reply) {
            pool.release(conn, !otherDb);
            if (replacement != null) {
                reply.release();
                pending.onRefused(replacement);
            } else {
                pending.onReply(reply);
            }
        }

        @Override
        public void onFailure(String error) {
            pool.release(conn, false);
            pending.onFailure(error);
        }

        @Override
        public void onRefused(String message) {
            pool.release(conn, false);
            pending.onRefused(message);
        }
    }
}
